package org.watchpost.agent.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.watchpost.protocol.FailureClass;

/** Renders docs/signatures.md from the library, so the page can never drift from what the agent recognises. */
public final class SignatureDocs {
    private SignatureDocs() {
    }

    public static String render(SignatureLibrary library) {
        StringBuilder b = new StringBuilder();
        b.append("# Failure signatures\n\n")
                .append("<!-- Generated from agent/src/main/resources/signatures/ by SignatureDocs; do not edit. ")
                .append("Regenerate with: ./mvnw -q -pl agent -am test -Dtest=SignatureDocsTest ")
                .append("-Dsurefire.failIfNoSpecifiedTests=false -DupdateDocs=true -->\n\n");
        Map<String, List<Signature>> byStack = new LinkedHashMap<>();
        for (Signature s : library.signatures()) {
            byStack.computeIfAbsent(s.stack(), k -> new ArrayList<>()).add(s);
        }
        b.append("Watchpost recognises ").append(library.signatures().size()).append(" failure signatures of ")
                .append(byStack.size()).append(" stacks. Each maps to one failure class; how a hit is scored in its ")
                .append("context, and how to write your own, is in [signature-format.md](signature-format.md).\n\n");
        b.append("## Failure classes\n\nIn primary-class order: when a probe finds several failures, the first ")
                .append("class in this list that has a finding of the worst impact is the primary class.\n\n")
                .append("| class | verdict | meaning | signatures |\n|---|---|---|---|\n");
        for (FailureClass c : FailureClass.values()) {
            long n = library.signatures().stream().filter(s -> s.failureClass() == c).count();
            boolean check = !c.isContent() || java.util.EnumSet.of(FailureClass.TRUNCATED, FailureClass.HTTP_STATUS,
                    FailureClass.CONTENT_MISSING, FailureClass.CONTENT_UNEXPECTED, FailureClass.TLS_EXPIRING)
                    .contains(c);
            b.append("| `").append(c.id()).append("` | ").append(c.impact().verdict()).append(" | ")
                    .append(c.description()).append(" | ").append(n).append(check ? " + built-in check" : "")
                    .append(" |\n");
        }
        b.append("\nTransport failures (`transport.dns`, `transport.connect`, `transport.tls`, `transport.timeout`) ")
                .append("and the checks `check.http_status`, `check.redirect`, `check.body_cut`, ")
                .append("`check.page_incomplete`, `check.page_blank`, `check.content_missing`, `check.content_unexpected` and ")
                .append("`check.tls_expiring` are built in, not signatures.\n\n");
        b.append("## Stacks\n\n");
        for (var e : byStack.entrySet()) {
            b.append("- [").append(library.stackNames().getOrDefault(e.getKey(), e.getKey())).append("](#")
                    .append(e.getKey()).append(") — ").append(e.getValue().size()).append('\n');
        }
        for (var e : byStack.entrySet()) {
            b.append("\n<a id=\"").append(e.getKey()).append("\"></a>\n### ")
                    .append(library.stackNames().getOrDefault(e.getKey(), e.getKey())).append("\n\n")
                    .append("| signature | class | severity | recognises | where | hint |\n|---|---|---|---|---|---|\n");
            for (Signature s : e.getValue()) {
                b.append("| `").append(s.id()).append("` | `").append(s.failureClass().id()).append("` | ")
                        .append(s.severity()).append(" | ")
                        .append(s.anchors().stream().map(a -> "`" + cell(a) + "`").collect(Collectors.joining(" · ")))
                        .append(s.statuses().isEmpty() ? "" : " (HTTP " + s.statuses().stream().sorted()
                                .map(String::valueOf).collect(Collectors.joining(", ")) + ")")
                        .append(" | ").append(s.scopes().stream().map(Scope::id).sorted()
                                .collect(Collectors.joining(", ")))
                        .append(" | ").append(cell(s.hint())).append(" |\n");
            }
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("`", "'").replace("\n", " ");
    }
}
