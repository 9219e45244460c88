package org.watchpost.agent.eval;

import java.util.List;
import java.util.Objects;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Verdict;

/**
 * What the agent made of one page.
 *
 * @param verdict      up, degraded or down
 * @param primary      the primary failure class, null when up
 * @param status       the HTTP status, null when nothing answered
 * @param findings     every finding that counted
 * @param ignored      signature hits the detector looked at and did not count, with its reasons, for whoever
 *                     debugs a miss
 * @param body         the bytes the prober read (the live pages' bodies become the page-size set's snippets)
 * @param contentType  the response's Content-Type, or null
 * @param transport    why nothing answered, or null
 */
record Outcome(Verdict verdict, FailureClass primary, Integer status, List<Found> findings, List<String> ignored,
               byte[] body, String contentType, String transport) {
    Outcome {
        Objects.requireNonNull(verdict, "verdict");
        findings = List.copyOf(findings);
        ignored = List.copyOf(ignored);
        body = body == null ? new byte[0] : body;
    }

    boolean alarm() {
        return verdict != Verdict.UP;
    }

    /** One finding: its class, the signature (or check) that made it, and the evidence it quotes. */
    record Found(FailureClass failureClass, String signature, String evidence) {
    }

    /** "down db_connection (signature.id)" or "up", for tables and failure messages. */
    String summary() {
        if (!alarm()) {
            return "up";
        }
        return verdict.name().toLowerCase(java.util.Locale.ROOT) + " " + primary
                + findings.stream().filter(f -> f.failureClass() == primary).findFirst()
                        .map(f -> " (" + f.signature() + ")").orElse("");
    }
}
