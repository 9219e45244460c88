package org.watchpost.agent.daemon;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.watchpost.agent.config.TargetConfig;
import org.watchpost.agent.detect.Classification;
import org.watchpost.agent.probe.ProbeResult;
import org.watchpost.agent.schedule.SkipReason;
import org.watchpost.agent.state.BoundedBaseline;
import org.watchpost.agent.probe.SafeUrl;
import org.watchpost.agent.state.TargetSnapshot;
import org.watchpost.agent.state.TargetState;
import org.watchpost.agent.state.Thresholds;
import org.watchpost.agent.state.Transition;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.Verdict;

/**
 * Everything the agent keeps about one target between probes. Written by that target's probe (never two at once)
 * and by reloads; read by scrapes and the API through immutable {@link TargetSnapshot}s.
 */
final class TargetRuntime {
    private volatile TargetConfig config;
    private final BoundedBaseline baseline = new BoundedBaseline(BoundedBaseline.DEFAULT_CAPACITY);
    private final Map<Verdict, AtomicLong> checks = new EnumMap<>(Verdict.class);
    private final Map<SkipReason, AtomicLong> skipped = new EnumMap<>(SkipReason.class);
    private final AtomicLong hitsDropped = new AtomicLong();
    private Thresholds thresholds;
    /** State, since and the last probe, replaced together after each probe; never holds a page body. */
    private volatile Decided decided = new Decided(TargetState.UNKNOWN, null, null);

    private record Decided(TargetState state, Instant since, CheckResult last) {
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
    }

    TargetConfig config() {
        return config;
    }

    BoundedBaseline baseline() {
        return baseline;
    }

    synchronized void reconfigure(TargetConfig newConfig) {
        this.config = newConfig;
        this.thresholds = thresholds.withThresholds(newConfig.probe().failureThreshold(),
                newConfig.probe().successThreshold());
    }

    /**
     * Records a finished probe; returns the state change it caused, if any.
     *
     * @param result the probe's outcome as journalled and shown (with the target's labels)
     */
    synchronized Optional<Transition> record(ProbeResult probe, Classification c, CheckResult result) {
        checks.get(result.verdict()).incrementAndGet();
        hitsDropped.addAndGet(c.hitsDropped());
        Optional<Transition> t = thresholds.apply(config.name(), result);
        if (result.verdict() == Verdict.UP && thresholds.state() != TargetState.DOWN) {
            // What a healthy page shows is content: remember it so it never raises an alarm later.
            c.contentFingerprints().forEach(baseline::remember);
            baseline.observedHealthyPage(c.page().html(), c.page().closedHtml(), probe.bodyCapped(),
                    probe.body().length);
        }
        Instant since = t.map(Transition::at).orElse(decided.since());
        decided = new Decided(thresholds.state(), since, result);
        return t;
    }

    void skipped(SkipReason reason) {
        skipped.get(reason).incrementAndGet();
    }

    /** The target now; {@code nextProbeAt} comes from the scheduler. */
    TargetSnapshot snapshot(Instant nextProbeAt) {
        TargetConfig c = config;
        Decided d = decided;
        Map<Verdict, Long> n = new EnumMap<>(Verdict.class);
        checks.forEach((k, v) -> n.put(k, v.get()));
        Map<String, Long> s = new LinkedHashMap<>();
        skipped.forEach((k, v) -> s.put(k.label(), v.get()));
        CheckResult last = d.last();
        String finalUrl = last == null ? null : last.finalUrl() != null ? last.finalUrl() : last.url();
        // Secrets in the configured URL (query tokens, user info) never reach the API, metrics or the demo.
        return new TargetSnapshot(c.name(), SafeUrl.mask(c.url().toString()), c.labels(), d.state(), d.since(), last,
                nextProbeAt,
                c.probe().interval().toMillis() / 1000.0, finalUrl,
                new TargetSnapshot.Counters(n, s, hitsDropped.get(), baseline.evicted()));
    }
}
