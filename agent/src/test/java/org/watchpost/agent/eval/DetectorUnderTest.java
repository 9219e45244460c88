package org.watchpost.agent.eval;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.watchpost.agent.detect.Expect;
import org.watchpost.agent.config.ProbeSettings;
import org.watchpost.agent.detect.Baseline;
import org.watchpost.agent.detect.Classification;
import org.watchpost.agent.detect.Detector;
import org.watchpost.agent.detect.DetectorSettings;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.probe.HttpProber;
import org.watchpost.agent.probe.ProbeRequest;
import org.watchpost.agent.probe.ProbeResult;
import org.watchpost.agent.state.BoundedBaseline;
import org.watchpost.agent.time.TimeSource;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.Verdict;

/**
 * The evaluation's one door into the agent: a page is fetched by the agent's own {@link HttpProber} with the
 * production defaults and classified by the built-in library with the default settings, exactly as {@code classify
 * URL} and the daemon do. Everything the evaluation knows about the detector's API is in this class, so a change of
 * that API is adapted here and nowhere else.
 *
 * <p>Thread-safe: the prober shares one client and the detector holds no per-page state.
 */
final class DetectorUnderTest {
    /** Long enough for the slowest real failure the evaluation provokes (a 1 s lock wait, a 1 s proxy timeout). */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpProber prober = new HttpProber(TimeSource.system());
    private final Detector detector = new Detector(SignatureLibrary.builtIn(), DetectorSettings.DEFAULTS);

    /** A target's memory of its healthy page, as the daemon keeps it. */
    static final class Target {
        private final BoundedBaseline baseline = new BoundedBaseline(BoundedBaseline.DEFAULT_CAPACITY);
    }

    /** Fetches and classifies a page the way an ad-hoc {@code classify URL} does: no baseline, default expectations. */
    Outcome check(URI url) {
        return check(url, Expect.DEFAULT, null);
    }

    /**
     * Fetches and classifies a page for {@code target} (null for none); when the verdict is up, the target learns the
     * page as the daemon's {@code TargetRuntime} does (its non-counting hits and its shape), so a later probe of the
     * same target is judged against it.
     */
    Outcome check(URI url, Expect expect, Target target) {
        ProbeResult probe = prober.probe(new ProbeRequest(url, TIMEOUT, ProbeSettings.DEFAULTS.maxBodyBytes(),
                ProbeSettings.DEFAULTS.maxRedirects()));
        Instant now = TimeSource.system().now();
        Classification c = detector.classify(null, probe, expect,
                target == null ? Baseline.NONE : target.baseline, now);
        CheckResult r = c.result();
        if (target != null && r.verdict() == Verdict.UP) {
            c.contentFingerprints().forEach(target.baseline::remember);
            target.baseline.observedHealthyPage(c.page().html(), c.page().closedHtml(), probe.bodyCapped(),
                    probe.body().length);
        }
        List<Outcome.Found> findings = r.findings().stream()
                .map(f -> new Outcome.Found(f.failureClass(), f.signature(), f.evidence()))
                .toList();
        List<String> ignored = c.considered().stream().filter(k -> !k.counted())
                .map(k -> k.signature() + " (" + k.failureClass() + ") in " + k.context() + ": " + k.verdict() + "; "
                        + String.join("; ", k.reasons()))
                .toList();
        return new Outcome(r.verdict(), r.primaryClass(), r.status(), findings, ignored, probe.body(),
                probe.header("content-type"), probe.responded() ? null : probe.failure().message());
    }
}
