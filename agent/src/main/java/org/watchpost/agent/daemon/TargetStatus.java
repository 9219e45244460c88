package org.watchpost.agent.daemon;

import java.time.Instant;
import java.util.Map;
import org.watchpost.agent.state.TargetState;
import org.watchpost.protocol.CheckResult;

/**
 * One target as {@code GET /api/v1/targets} shows it.
 *
 * @param name        configured name
 * @param url         configured URL
 * @param labels      configured labels
 * @param state       after thresholds
 * @param since       when the state last changed, null while unknown
 * @param last        the last probe's result with its findings and evidence, null before the first
 * @param nextProbeAt when the next probe is due, null when not scheduled
 * @param intervalSeconds the probe interval
 * @param finalUrl    where the last probe's redirects ended
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
public record TargetStatus(String name, String url, Map<String, String> labels, TargetState state, Instant since,
                           CheckResult last, Instant nextProbeAt, double intervalSeconds, String finalUrl) {
}
