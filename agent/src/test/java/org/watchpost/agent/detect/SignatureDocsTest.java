package org.watchpost.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/signatures.md is generated from the library; this fails when it is stale (and can rewrite it). */
class SignatureDocsTest {
    private static final Path DOC = Path.of("../docs/signatures.md");

    @Test
    void docsMatchTheLibrary() throws IOException {
        String expected = SignatureDocs.render(SignatureLibrary.builtIn());
        if (Boolean.getBoolean("updateDocs")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(DOC)).as("docs/signatures.md exists").isTrue();
        assertThat(Files.readString(DOC)).as("docs/signatures.md is stale; regenerate it with -DupdateDocs=true "
                + "(see the comment at its top)").isEqualTo(expected);
    }
}
