package org.watchpost.agent.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.Verdict;

/**
 * One target at one instant: its state after thresholds and its last probe. Immutable, so a scrape or an API call
 * never sees half of a probe's update. {@code /metrics} and {@code GET /api/v1/targets} both read it (the JSON of the
 * API is this record without {@link #counters()}); {@link #last()} is the same {@link CheckResult} the agent journals
 * and forwards, so the metrics, the API and the collector cannot disagree about what a probe saw.
 *
 * @param name            the configured name (the {@code target} label)
 * @param url             the configured URL
 * @param labels          the configured labels
 * @param state           after thresholds
 * @param since           when the state last changed, null while unknown
 * @param last            the last probe, null before the first
 * @param nextProbeAt     when the next probe is due, null when not scheduled
 * @param intervalSeconds the probe interval
 * @param finalUrl        where the last probe's redirects ended (the URL itself when there were none), null before the
 *                        first probe
 * @param counters        what the target's probes add up to since start; exported as metrics, not shown by the API
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TargetSnapshot(String name, String url, Map<String, String> labels, TargetState state, Instant since,
                             CheckResult last, Instant nextProbeAt, double intervalSeconds, String finalUrl,
                             @JsonIgnore Counters counters) {
    public TargetSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        counters = counters == null ? Counters.NONE : counters;
    }

    /**
     * Counters of one target.
     *
     * @param checks          probes done, by verdict
     * @param skipped         due probes skipped, by reason label
     * @param hitsDropped     anchor hits not examined because of the per-page cap
     * @param baselineEvicted baseline entries evicted because the baseline was full
     */
    public record Counters(Map<Verdict, Long> checks, Map<String, Long> skipped, long hitsDropped,
                           long baselineEvicted) {
        public static final Counters NONE = new Counters(Map.of(), Map.of(), 0, 0);

        public Counters {
            checks = Map.copyOf(checks);
            skipped = Map.copyOf(skipped);
        }
    }
}
