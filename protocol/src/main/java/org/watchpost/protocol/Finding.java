package org.watchpost.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One thing a probe found wrong with a target.
 *
 * @param failureClass the class it maps to (the {@code class} key on the wire)
 * @param signature    the id of the signature or check that found it, e.g. {@code drupal.db_table_full} or
 *                     {@code check.http_status}
 * @param severity     how bad it is
 * @param evidence     a short excerpt of what was seen (at most {@link #MAX_EVIDENCE_CHARS} characters, secrets redacted)
 * @param hint         what the on-call person should look at first
 * @param confidence   0..1, how sure the detector is that this is a failure and not content; 1 for transport and checks
 * @param context      where the evidence stood (e.g. {@code title}, {@code after </html>}); may be empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(
        @JsonProperty("class") FailureClass failureClass,
        String signature,
        Severity severity,
        String evidence,
        String hint,
        double confidence,
        String context) {

    public static final int MAX_EVIDENCE_CHARS = 300;

    public Finding {
        Objects.requireNonNull(failureClass, "failureClass");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(severity, "severity");
        evidence = evidence == null ? "" : clip(evidence);
        hint = hint == null ? "" : hint;
        context = context == null ? "" : context;
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be within 0..1, was " + confidence);
        }
    }

    /** A finding that is certain: transport errors and structural checks. */
    public static Finding certain(FailureClass failureClass, String signature, Severity severity, String evidence,
                                  String hint) {
        return new Finding(failureClass, signature, severity, evidence, hint, 1.0, "");
    }

    private static String clip(String s) {
        if (s.length() <= MAX_EVIDENCE_CHARS) {
            return s;
        }
        int end = MAX_EVIDENCE_CHARS - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }
}
