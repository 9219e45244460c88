package org.watchpost.agent.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.watchpost.agent.probe.PhaseTimings;
import org.watchpost.agent.state.TargetState;
import org.watchpost.protocol.Finding;
import org.watchpost.protocol.Verdict;

/**
 * A consistent view of one target at scrape time. Built by the agent from its per-target runtime, read by
 * {@link AgentMetrics}; immutable so a scrape never sees half of a probe's update.
 *
 * @param name            the configured target name (the {@code target} label)
 * @param state           after thresholds
 * @param stateSince      when the state last changed, null while unknown
 * @param lastProbeAt     when the last probe started, null before the first
 * @param verdict         of the last probe, null before the first
 * @param findings        of the last probe that counted
 * @param durationSeconds of the last probe
 * @param phases          of the last probe
 * @param status          HTTP status of the last probe, 0 when there was no response
 * @param redirects       redirects the last probe followed
 * @param bodyBytes       bytes of body the last probe read
 * @param tlsNotAfter     earliest certificate expiry seen by the last probe, null for http or no handshake
 * @param checks          probes done, by verdict
 * @param skipped         due probes skipped, by reason label
 * @param hitsDropped     anchor hits not examined because of the per-page cap
 * @param baselineEvicted baseline entries evicted because the baseline was full
 */
public record TargetSample(
        String name,
        TargetState state,
        Instant stateSince,
        Instant lastProbeAt,
        Verdict verdict,
        List<Finding> findings,
        double durationSeconds,
        PhaseTimings phases,
        int status,
        int redirects,
        long bodyBytes,
        Instant tlsNotAfter,
        Map<Verdict, Long> checks,
        Map<String, Long> skipped,
        long hitsDropped,
        long baselineEvicted) {

    public TargetSample {
        findings = findings == null ? List.of() : List.copyOf(findings);
        checks = Map.copyOf(checks);
        skipped = Map.copyOf(skipped);
    }
}
