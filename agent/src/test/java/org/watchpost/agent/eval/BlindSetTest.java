package org.watchpost.agent.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.protocol.FailureClass;

/** The blind set's manifest is read as its writer was told; a bad line fails naming the line. */
class BlindSetTest {
    @TempDir
    Path dir;

    private Path manifest(String... lines) throws IOException {
        Files.createDirectories(dir.resolve("failures"));
        Files.writeString(dir.resolve("failures/a.html"), "<p>x</p>", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("ok.html"), "<p>y</p>", StandardCharsets.UTF_8);
        Path m = dir.resolve("manifest.tsv");
        Files.write(m, List.of(lines), StandardCharsets.UTF_8);
        return m;
    }

    @Test
    void readsEveryColumnAndTreatsAnEmptyContentTypeAsNone() throws IOException {
        List<BlindSet.Entry> entries = BlindSet.read(manifest(
                "file\tstatus\tcontent_type\texpected\tnotes",
                "failures/a.html\t500\ttext/html; charset=utf-8\tdb_connection\ta crash page",
                "",
                "ok.html\t200\t-\thealthy\t"));
        assertThat(entries).containsExactly(
                new BlindSet.Entry("failures/a.html", 500, "text/html; charset=utf-8",
                        Expected.failure(FailureClass.DB_CONNECTION), "a crash page"),
                new BlindSet.Entry("ok.html", 200, null, Expected.HEALTHY, ""));
    }

    @Test
    void aWrongHeaderIsRefused() throws IOException {
        Path m = manifest("file\tstatus\texpected", "ok.html\t200\thealthy");
        assertThatThrownBy(() -> BlindSet.read(m)).hasMessageContaining("manifest.tsv:1:")
                .hasMessageContaining("file status content_type expected notes");
    }

    @Test
    void anUnknownClassNamesItsLine() throws IOException {
        Path m = manifest("file\tstatus\tcontent_type\texpected\tnotes", "ok.html\t200\ttext/html\tbroken\t");
        assertThatThrownBy(() -> BlindSet.read(m)).hasMessageContaining("manifest.tsv:2:")
                .hasMessageContaining("unknown failure class 'broken'");
    }

    @Test
    void aMissingFileOrABadStatusNamesItsLine() throws IOException {
        Path missing = manifest("file\tstatus\tcontent_type\texpected\tnotes", "nope.html\t200\ttext/html\thealthy\t");
        assertThatThrownBy(() -> BlindSet.read(missing)).hasMessageContaining("manifest.tsv:2:")
                .hasMessageContaining("'nope.html' does not exist");
        Path status = manifest("file\tstatus\tcontent_type\texpected\tnotes", "ok.html\t2OO\ttext/html\thealthy\t");
        assertThatThrownBy(() -> BlindSet.read(status)).hasMessageContaining("manifest.tsv:2:")
                .hasMessageContaining("'2OO'");
    }

    @Test
    void aFileOutsideTheSetIsRefused() throws IOException {
        Path m = manifest("file\tstatus\tcontent_type\texpected\tnotes", "../outside.html\t200\ttext/html\thealthy\t");
        Files.writeString(dir.getParent().resolve("outside.html"), "x", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> BlindSet.read(m)).hasMessageContaining("does not exist in " + dir);
    }
}
