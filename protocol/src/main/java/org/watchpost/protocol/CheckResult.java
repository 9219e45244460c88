package org.watchpost.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one probe of one target: what {@code classify} prints, what the agent journals and forwards.
 *
 * @param target          the configured target name; null for an ad-hoc {@code classify}
 * @param time            when the probe started
 * @param verdict         up, degraded or down
 * @param primaryClass    the primary failure class (the {@code class} key), null when up
 * @param status          the final HTTP status, null when no response arrived
 * @param findings        everything found, primary first
 * @param durationSeconds the whole probe, redirects and body included
 * @param url             the URL probed
 * @param finalUrl        the URL after redirects, null when there were none
 * @param labels          the target's configured labels ({@code site}, {@code team}, …), so they travel with results;
 *                        empty for an ad-hoc {@code classify}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResult(
        String target,
        Instant time,
        Verdict verdict,
        @JsonProperty("class") @JsonInclude(JsonInclude.Include.ALWAYS) FailureClass primaryClass,
        @JsonInclude(JsonInclude.Include.ALWAYS) Integer status,
        List<Finding> findings,
        Double durationSeconds,
        String url,
        String finalUrl,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> labels) {

    public CheckResult {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        Objects.requireNonNull(verdict, "verdict");
        findings = findings == null ? List.of() : List.copyOf(findings);
        if (verdict == Verdict.UP && primaryClass != null) {
            throw new IllegalArgumentException("an up verdict has no primary class, got " + primaryClass);
        }
        if (verdict != Verdict.UP && primaryClass == null) {
            throw new IllegalArgumentException("a " + verdict + " verdict needs a primary class");
        }
    }

    /** A result without labels. */
    public CheckResult(String target, Instant time, Verdict verdict, FailureClass primaryClass, Integer status,
                       List<Finding> findings, Double durationSeconds, String url, String finalUrl) {
        this(target, time, verdict, primaryClass, status, findings, durationSeconds, url, finalUrl, Map.of());
    }
}
