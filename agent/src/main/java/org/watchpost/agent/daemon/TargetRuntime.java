package org.watchpost.agent.daemon;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.watchpost.agent.config.TargetConfig;
import org.watchpost.agent.detect.Classification;
import org.watchpost.agent.metrics.TargetSample;
import org.watchpost.agent.probe.PhaseTimings;
import org.watchpost.agent.probe.ProbeResult;
import org.watchpost.agent.schedule.SkipReason;
import org.watchpost.agent.state.BoundedBaseline;
import org.watchpost.agent.state.TargetState;
import org.watchpost.agent.state.Thresholds;
import org.watchpost.agent.state.Transition;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.Verdict;

/**
 * Everything the agent keeps about one target between probes. Written by that target's probe (never two at once)
 * and by reloads; read by scrapes and the API through immutable snapshots.
 */
final class TargetRuntime {
    private volatile TargetConfig config;
    private final BoundedBaseline baseline = new BoundedBaseline(BoundedBaseline.DEFAULT_CAPACITY);
    private final Map<Verdict, AtomicLong> checks = new EnumMap<>(Verdict.class);
    private final Map<SkipReason, AtomicLong> skipped = new EnumMap<>(SkipReason.class);
    private final AtomicLong hitsDropped = new AtomicLong();
    private Thresholds thresholds;
    private volatile View view;

    /**
     * What the API shows and metrics export; replaced whole after each probe. Holds facts about the last probe, never
     * its body: a page can be megabytes and an agent watches thousands of them.
     */
    record View(TargetConfig config, TargetState state, Instant stateSince, Classification last, ProbeFacts probe) {
    }

    /** The last probe without its body. */
    record ProbeFacts(Instant startedAt, long durationNanos, PhaseTimings phases, int status, int redirects,
                      long bodyBytes, boolean bodyCapped, Instant tlsNotAfter, String finalUrl) {
        static ProbeFacts of(ProbeResult p) {
            return new ProbeFacts(p.startedAt(), p.durationNanos(), p.phases(), p.responded() ? p.status() : 0,
                    p.redirects(), p.body().length, p.bodyCapped(),
                    p.tls() == null ? null : p.tls().earliestNotAfter(), p.finalUrl().toString());
        }
    }

    TargetRuntime(TargetConfig config) {
        this.config = config;
        this.thresholds = new Thresholds(config.probe().failureThreshold(), config.probe().successThreshold());
        for (Verdict v : Verdict.values()) {
            checks.put(v, new AtomicLong());
        }
        for (SkipReason r : SkipReason.values()) {
            skipped.put(r, new AtomicLong());
        }
        this.view = new View(config, TargetState.UNKNOWN, null, null, null);
    }

    TargetConfig config() {
        return config;
    }

    BoundedBaseline baseline() {
        return baseline;
    }

    View view() {
        return view;
    }

    synchronized void reconfigure(TargetConfig newConfig) {
        this.config = newConfig;
        this.thresholds = thresholds.withThresholds(newConfig.probe().failureThreshold(),
                newConfig.probe().successThreshold());
        View v = view;
        this.view = new View(newConfig, v.state(), v.stateSince(), v.last(), v.probe());
    }

    /** Records a finished probe; returns the state change it caused, if any. */
    synchronized Optional<Transition> record(ProbeResult probe, Classification c) {
        CheckResult r = c.result();
        checks.get(r.verdict()).incrementAndGet();
        hitsDropped.addAndGet(c.hitsDropped());
        Optional<Transition> t = thresholds.apply(config.name(), r);
        if (r.verdict() == Verdict.UP && thresholds.state() != TargetState.DOWN) {
            // What a healthy page shows is content: remember it so it never raises an alarm later.
            c.contentFingerprints().forEach(baseline::remember);
            baseline.observedHealthyPage(c.page().html(), c.page().closedHtml(), probe.bodyCapped(),
                    probe.body().length);
        }
        View before = view;
        Instant since = t.map(Transition::at).orElse(before.stateSince());
        view = new View(config, thresholds.state(), since, c, ProbeFacts.of(probe));
        return t;
    }

    void skipped(SkipReason reason) {
        skipped.get(reason).incrementAndGet();
    }

    TargetSample sample() {
        View v = view;
        Map<Verdict, Long> c = new EnumMap<>(Verdict.class);
        checks.forEach((k, n) -> c.put(k, n.get()));
        Map<String, Long> s = new LinkedHashMap<>();
        skipped.forEach((k, n) -> s.put(k.label(), n.get()));
        ProbeFacts p = v.probe();
        CheckResult r = v.last() == null ? null : v.last().result();
        return new TargetSample(v.config().name(), v.state(), v.stateSince(), p == null ? null : p.startedAt(),
                r == null ? null : r.verdict(), r == null ? null : r.findings(),
                p == null ? 0 : p.durationNanos() / 1e9, p == null ? PhaseTimings.NONE : p.phases(),
                p == null ? 0 : p.status(), p == null ? 0 : p.redirects(), p == null ? 0 : p.bodyBytes(),
                p == null ? null : p.tlsNotAfter(), c, s, hitsDropped.get(), baseline.evicted());
    }
}
