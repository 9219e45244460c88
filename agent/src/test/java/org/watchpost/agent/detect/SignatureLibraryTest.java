package org.watchpost.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.watchpost.agent.detect.Expect;
import org.watchpost.protocol.Finding;

class SignatureLibraryTest {
    private static final SignatureLibrary LIBRARY = SignatureLibrary.builtIn();
    private final Detector detector = new Detector(LIBRARY, DetectorSettings.DEFAULTS);

    @Test
    void everySignatureFileIsListedInTheIndex() throws IOException {
        Path dir = Path.of("src/main/resources/signatures");
        List<String> index = Files.readAllLines(dir.resolve("index.txt")).stream()
                .map(String::trim).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")))
                    .containsExactlyInAnyOrderElementsOf(index);
        }
    }

    @Test
    void everyBuiltInSignatureHasAPositiveAndALookalikeExample() {
        assertThat(LIBRARY.signatures()).allSatisfy(s -> {
            assertThat(s.examples().positive()).as(s.id() + " positive examples").isNotEmpty();
            assertThat(s.examples().lookalike()).as(s.id() + " look-alike examples").isNotEmpty();
        });
    }

    /** The generated test: every example of every signature, as a page served with its status. */
    @TestFactory
    Stream<DynamicTest> examples() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Signature s : LIBRARY.signatures()) {
            int i = 0;
            for (Signature.Example e : s.examples().positive()) {
                tests.add(DynamicTest.dynamicTest(s.id() + " matches positive example " + i++, () -> {
                    var r = detector.classify("t", Pages.page(e.status(), e.body(), e.headers()), Expect.DEFAULT,
                            Baseline.NONE, Pages.NOW);
                    assertThat(r.result().findings()).extracting(Finding::signature)
                            .as("findings for %s; considered: %s", s.id(), r.considered()).contains(s.id());
                }));
            }
            i = 0;
            for (Signature.Example e : s.examples().lookalike()) {
                tests.add(DynamicTest.dynamicTest(s.id() + " ignores look-alike " + i++, () -> {
                    var r = detector.classify("t", Pages.page(e.status(), e.body(), e.headers()), Expect.DEFAULT,
                            Baseline.NONE, Pages.NOW);
                    assertThat(r.result().findings()).extracting(Finding::signature)
                            .as("considered: %s", r.considered()).doesNotContain(s.id());
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void problemsNameFileAndSignature() {
        String yaml = """
                stack: demo
                signatures:
                  - id: demo.one
                    class: db_full
                    severity: critical
                    anchors: ["abc"]
                    regex: "("
                    hint: ""
                    colour: red
                  - id: other.two
                    class: app_error
                    severity: error
                    anchors: ["long enough anchor"]
                    hint: fine
                """;
        assertThatThrownBy(() -> SignatureLibrary.load(List.of(new SignatureLibrary.Source("demo.yml", yaml))))
                .isInstanceOf(SignatureException.class)
                .satisfies(e -> assertThat(((SignatureException) e).problems()).containsExactlyInAnyOrder(
                        "demo.yml: signature 'demo.one': unknown key 'colour'; valid keys: anchors, case, class, "
                                + "confidence, examples, hint, html_regex, id, regex, severity, status, where, yields_to",
                        "demo.yml: signature 'demo.one': class: unknown failure class 'db_full'; expected one of "
                                + "dns, connect, tls, timeout, db_storage_full, db_integrity, db_connection, "
                                + "db_overloaded, app_resource_exhausted, hosting_suspended, maintenance, "
                                + "upstream_unavailable, app_error, placeholder_page, truncated, http_status, "
                                + "content_missing, content_unexpected, blocked, debug_leak, tls_expiring",
                        "demo.yml: signature 'demo.one': anchor 'abc' is shorter than 4 bytes; short anchors match "
                                + "ordinary text everywhere",
                        "demo.yml: signature 'demo.one': regex does not compile: Unclosed group near index 1",
                        "demo.yml: signature 'demo.one': hint is required: one or two sentences telling on-call "
                                + "what to do first",
                        "demo.yml: signature 'other.two': id must be 'demo.name' in lower case, digits and "
                                + "underscores"));
    }

    @Test
    void anchorsWithQuotesAreCompiledInEveryEscapedSpelling() {
        assertThat(Entities.spellings("table 'x'")).contains("table 'x'", "table &#039;x&#039;",
                "table &amp;#039;x&amp;#039;", "table &#39;x&#39;", "table &#x27;x&#x27;", "table ’x’");
        assertThat(Entities.spellings("no quotes")).containsExactly("no quotes");
        assertThat(Entities.decode("it&amp;#039;s &amp;quot;full&amp;quot;")).isEqualTo("it's \"full\"");
    }
}
