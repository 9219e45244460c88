package org.watchpost.agent.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.watchpost.agent.probe.ProbeResult;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Finding;
import org.watchpost.protocol.Severity;
import org.watchpost.protocol.Verdict;

/**
 * Turns what a probe saw into a verdict, in three parts: {@link StructuralChecks} (status, redirects, cut bodies,
 * expected text, certificate expiry, the page's shape against its baseline), {@link SignatureScan} (the signature
 * library over the body and headers) and {@link ContextScorer} (where each hit stands). The body is read in its
 * declared or sniffed charset ({@link PageText}).
 *
 * <p>A hit counts when its score reaches {@link DetectorSettings#threshold()} and it is not part of the target's
 * baseline. The primary class of a result is the first class, in {@link FailureClass} declaration order, among the
 * findings of the worst verdict impact; ties go to the higher confidence. So a crash page that shows a database
 * error names the database class first, with the framework's finding beside it.
 *
 * <p>Thread-safe and allocation-light when nothing is found: a healthy UTF-8 page costs one automaton pass.
 */
public final class Detector {
    private final SignatureLibrary library;
    private final StructuralChecks structural;
    private final SignatureScan scan;

    public Detector(SignatureLibrary library, DetectorSettings settings) {
        this.library = Objects.requireNonNull(library, "library");
        Objects.requireNonNull(settings, "settings");
        this.structural = new StructuralChecks(settings);
        this.scan = new SignatureScan(library, settings);
    }

    public SignatureLibrary library() {
        return library;
    }

    /**
     * Classifies one probe.
     *
     * @param target   the target's name, or null for an ad-hoc classify
     * @param probe    what the prober saw
     * @param expect   what the target expects
     * @param baseline hits known to be the page's normal content, and the page's usual shape
     * @param now      for certificate expiry
     */
    public Classification classify(String target, ProbeResult probe, Expect expect, Baseline baseline, Instant now) {
        List<Finding> findings = new ArrayList<>();
        if (!probe.responded()) {
            FailureClass fc = probe.failure().failureClass();
            findings.add(Finding.certain(fc, "transport." + fc.id(), Severity.CRITICAL, probe.failure().message(),
                    Hints.transport(fc)));
            return new Classification(result(target, probe, findings), List.of(), List.of(),
                    Classification.PageFacts.NONE, 0);
        }
        PageText page = PageText.of(probe.body(), probe.headers());
        structural.response(probe, page, expect, now, findings);
        SignatureScan.Result r = scan.scan(probe, page, baseline);
        findings.addAll(r.findings());
        structural.shape(probe, page, r.facts(), baseline, findings);
        return new Classification(result(target, probe, findings), r.considered(), r.content(), r.facts(),
                r.dropped());
    }

    private CheckResult result(String target, ProbeResult probe, List<Finding> findings) {
        // A signature that yields to a class steps aside when another signature found that class on the page.
        List<Finding> yielding = new ArrayList<>();
        for (Finding f : findings) {
            Signature s = library.byId(f.signature());
            if (s != null && !s.yieldsTo().isEmpty() && findings.stream().anyMatch(o -> o != f
                    && s.yieldsTo().contains(o.failureClass()) && !o.signature().equals(f.signature()))) {
                yielding.add(f);
            }
        }
        findings.removeAll(yielding);
        boolean blocked = findings.stream().anyMatch(f -> f.failureClass() == FailureClass.BLOCKED);
        if (blocked) {
            // A WAF's refusal explains its status code: the page is degraded for the poller, not down for visitors.
            findings.removeIf(f -> f.signature().equals(Hints.CHECK_STATUS));
        }
        Verdict verdict = Verdict.UP;
        for (Finding f : findings) {
            verdict = verdict.worse(f.failureClass().impact().verdict());
        }
        Verdict v = verdict;
        findings.sort(Comparator.comparing((Finding f) -> f.failureClass().impact().verdict() != v)
                .thenComparing(f -> f.failureClass().priority())
                .thenComparing(Finding::confidence, Comparator.reverseOrder()));
        FailureClass primary = findings.isEmpty() ? null : findings.get(0).failureClass();
        return new CheckResult(target, probe.startedAt(), verdict, primary, probe.responded() ? probe.status() : null,
                findings, probe.durationNanos() / 1e9, probe.url().toString(),
                probe.finalUrl().equals(probe.url()) ? null : probe.finalUrl().toString(), Map.of(), probe.phases(),
                probe.redirects(), probe.responded() ? (long) probe.body().length : null,
                probe.tls() == null ? null : probe.tls().earliestNotAfter());
    }
}
