package org.watchpost.agent.detect;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Severity;

/**
 * One way a real stack prints that it failed. Signatures are data (YAML under {@code signatures/}); this is the
 * validated, compiled form.
 *
 * @param id            {@code stack.name}, e.g. {@code drupal.db_table_full}; stable, used as a metric label
 * @param stack         the stack it belongs to, e.g. {@code drupal}
 * @param failureClass  the one class it maps to
 * @param severity      how bad it is
 * @param anchors       literal strings; any one of them found where the signature applies makes a candidate
 * @param regex         optional confirming pattern, run on the decoded text around the anchor; named groups
 *                      ({@code (?<table>...)}) become captures shown in the evidence and usable in the hint
 * @param htmlRegex     optional confirming pattern run on the raw HTML around the anchor
 * @param caseSensitive whether anchors must match case exactly (anchors are found case-insensitively, then checked)
 * @param scopes        where anchors count
 * @param statuses      HTTP statuses the signature applies to; empty means any
 * @param confidence    the starting score of a hit, 0..1, before context raises or lowers it
 * @param hint          what the on-call person should do first; {@code {name}} is replaced by a capture
 * @param examples      pages that must match and look-alikes that must not; the generated test runs them
 * @param source        file and line it was defined at, for messages
 * @param yieldsTo      classes that, found on the same page by another signature, make this one step aside: a
 *                      wrapper such as Spring's "Unable to acquire JDBC Connection" says less than the driver's
 *                      own "too many clients" beside it
 */
public record Signature(
        String id,
        String stack,
        FailureClass failureClass,
        Severity severity,
        List<String> anchors,
        Pattern regex,
        Pattern htmlRegex,
        boolean caseSensitive,
        Set<Scope> scopes,
        Set<Integer> statuses,
        double confidence,
        String hint,
        Examples examples,
        String source,
        Set<FailureClass> yieldsTo) {

    public Signature {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(failureClass, "failureClass");
        Objects.requireNonNull(severity, "severity");
        anchors = List.copyOf(anchors);
        scopes = Set.copyOf(scopes);
        statuses = Set.copyOf(statuses);
        Objects.requireNonNull(hint, "hint");
        examples = examples == null ? Examples.NONE : examples;
        yieldsTo = yieldsTo == null ? Set.of() : Set.copyOf(yieldsTo);
    }

    public boolean appliesTo(int status) {
        return statuses.isEmpty() || statuses.contains(status);
    }

    /** Example pages; each is a body served with a status (and optional headers). */
    public record Examples(List<Example> positive, List<Example> lookalike) {
        public static final Examples NONE = new Examples(List.of(), List.of());

        public Examples {
            positive = List.copyOf(positive);
            lookalike = List.copyOf(lookalike);
        }
    }

    public record Example(String body, int status, java.util.Map<String, String> headers) {
        public Example {
            Objects.requireNonNull(body, "body");
            headers = headers == null ? java.util.Map.of() : java.util.Map.copyOf(headers);
        }
    }
}
