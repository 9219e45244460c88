package org.watchpost.agent.detect;

import java.util.List;
import java.util.Objects;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.FailureClass;

/**
 * The detector's answer for one probe: the result that is reported, plus how it was reached.
 *
 * @param result              what is exported, journalled and printed
 * @param considered          every signature hit looked at, counted or not, with its score and why
 * @param contentFingerprints hits that did not count; remembered as the target's baseline while it is up
 * @param page                facts about the page the scoring used
 * @param hitsDropped         anchor hits beyond {@link DetectorSettings#maxHits()}, not examined
 */
public record Classification(CheckResult result, List<Considered> considered, List<Long> contentFingerprints,
                             PageFacts page, int hitsDropped) {
    public Classification {
        Objects.requireNonNull(result, "result");
        considered = List.copyOf(considered);
        contentFingerprints = List.copyOf(contentFingerprints);
    }

    /**
     * One signature's best hit on the page.
     *
     * @param signature signature id
     * @param context   where the hit stood, in words ("title", "body text, after </html>", "inside <pre>")
     * @param score     the final score, 0..1
     * @param reasons   each adjustment to the score, e.g. "+0.20 after </html>"
     * @param counted   whether it became a finding
     * @param verdict   why it counted or not ("score 0.95 ≥ 0.60", "seen while the target was up")
     * @param evidence  the excerpt around the hit
     * @param fingerprint identifies the hit in the target's baseline
     */
    public record Considered(String signature, FailureClass failureClass, String context, double score,
                             List<String> reasons, boolean counted, String verdict, String evidence,
                             long fingerprint) {
        public Considered {
            reasons = List.copyOf(reasons);
        }
    }

    /** What the scoring knew about the page. */
    public record PageFacts(String title, int visibleBytes, boolean html, boolean closedHtml) {
        public static final PageFacts NONE = new PageFacts("", 0, false, false);
    }
}
