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
 * @param phases          where the probe's time went, summed over its redirect hops; null when nothing was fetched
 * @param redirects       redirects followed; null when nothing was fetched
 * @param bodyBytes       body bytes read (after decompression, at most the target's {@code max_body_bytes}); null when
 *                        no response arrived
 * @param tlsNotAfter     the earliest expiry among the certificates the probe was shown; null for plain http or when no
 *                        handshake completed
 *
 * <p>This is the one snapshot of "the last probe of a target": the agent's metrics, its {@code /api/v1/targets}, its
 * journal and the reports it forwards all read it, so they cannot disagree about what a probe saw. The raw response
 * (headers, body) is not part of it: a page can be megabytes and an agent keeps only what it concluded.
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
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> labels,
        PhaseTimings phases,
        Integer redirects,
        Long bodyBytes,
        Instant tlsNotAfter) {

    public CheckResult {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        Objects.requireNonNull(verdict, "verdict is required");
        findings = findings == null ? List.of() : List.copyOf(findings);
        if (verdict == Verdict.UP && primaryClass != null) {
            throw new IllegalArgumentException("an up verdict has no primary class, got " + primaryClass);
        }
        if (verdict != Verdict.UP && primaryClass == null) {
            throw new IllegalArgumentException("a " + verdict + " verdict needs a primary class");
        }
        if (redirects != null && redirects < 0 || bodyBytes != null && bodyBytes < 0) {
            throw new IllegalArgumentException("redirects and body_bytes must be >= 0");
        }
    }

    /** A result with labels and without the probe's measurements. */
    public CheckResult(String target, Instant time, Verdict verdict, FailureClass primaryClass, Integer status,
                       List<Finding> findings, Double durationSeconds, String url, String finalUrl,
                       Map<String, String> labels) {
        this(target, time, verdict, primaryClass, status, findings, durationSeconds, url, finalUrl, labels, null, null,
                null, null);
    }

    /** A result without labels. */
    public CheckResult(String target, Instant time, Verdict verdict, FailureClass primaryClass, Integer status,
                       List<Finding> findings, Double durationSeconds, String url, String finalUrl) {
        this(target, time, verdict, primaryClass, status, findings, durationSeconds, url, finalUrl, Map.of());
    }

    /** The same result carrying the target's labels. */
    public CheckResult withLabels(Map<String, String> newLabels) {
        return new CheckResult(target, time, verdict, primaryClass, status, findings, durationSeconds, url, finalUrl,
                newLabels, phases, redirects, bodyBytes, tlsNotAfter);
    }
}
