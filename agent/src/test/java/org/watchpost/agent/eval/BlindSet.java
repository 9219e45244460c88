package org.watchpost.agent.eval;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.watchpost.agent.e2e.PageServer;

/**
 * The blind set: pages written by someone who had read only the failure classes and issue 9, never the signatures,
 * kept in {@code agent/src/test/resources/blind/} and never edited to make a rule pass. Its
 * {@code manifest.tsv} has a header line and one tab-separated line per page:
 * {@code file status content_type expected notes} — the file relative to the directory, the HTTP status to serve it
 * with, the {@code Content-Type} header (empty or {@code -} for none), {@code healthy} or the failure class, and free
 * notes. Its numbers are reported, not gated.
 */
final class BlindSet {
    static final String RESOURCE = "blind/manifest.tsv";
    static final String SOURCE = "agent/src/test/resources/blind/manifest.tsv";
    static final List<String> COLUMNS = List.of("file", "status", "content_type", "expected", "notes");
    /** Overrides where the manifest is read from, to try a set kept elsewhere. */
    static final String PROPERTY = "eval.blind.dir";

    private BlindSet() {
    }

    /** One line of the manifest. */
    record Entry(String file, int status, String contentType, Expected expected, String notes) {
    }

    /**
     * @throws IllegalStateException when the manifest is missing or a line is malformed, naming the line
     */
    static Path manifest() {
        String override = System.getProperty(PROPERTY);
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            return Files.isDirectory(p) ? p.resolve("manifest.tsv") : p;
        }
        URL url = BlindSet.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException("the blind set is missing: " + SOURCE + " is not on the test classpath."
                    + " It is written apart from the signatures (columns: " + String.join(", ", COLUMNS) + ") and"
                    + " must be present for the evaluation; -D" + PROPERTY + "=DIR reads one from elsewhere");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the blind set at " + url + ": " + e.getMessage(), e);
        }
    }

    static List<Entry> read(Path manifest) throws IOException {
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalStateException("the blind set's manifest " + manifest + " does not exist");
        }
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !List.of(lines.get(0).strip().split("\t", -1)).equals(COLUMNS)) {
            throw new IllegalStateException(manifest + ":1: the header must be the tab-separated columns "
                    + String.join(" ", COLUMNS) + ", found: " + (lines.isEmpty() ? "an empty file" : lines.get(0)));
        }
        Path dir = manifest.getParent();
        List<Entry> entries = new ArrayList<>();
        for (int n = 2; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String where = manifest + ":" + n + ": ";
            if (f.length < 4 || f.length > 5) {
                throw new IllegalStateException(where + "expected 5 tab-separated columns ("
                        + String.join(", ", COLUMNS) + "), found " + f.length);
            }
            Path file = dir.resolve(f[0].strip()).normalize();
            if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
                throw new IllegalStateException(where + "the file '" + f[0] + "' does not exist in " + dir);
            }
            int status;
            try {
                status = Integer.parseInt(f[1].strip());
            } catch (NumberFormatException e) {
                status = -1;
            }
            if (status < 100 || status > 599) {
                throw new IllegalStateException(where + "the status must be an HTTP status from 100 to 599, found '"
                        + f[1] + "'");
            }
            String type = f[2].strip();
            Expected expected;
            try {
                expected = Expected.parse(f[3]);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + "expected must be healthy or a failure class; " + e.getMessage(),
                        e);
            }
            entries.add(new Entry(f[0].strip(), status, type.isEmpty() || type.equals("-") ? null : type, expected,
                    f.length == 5 ? f[4].strip() : ""));
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException(manifest + " lists no pages");
        }
        return entries;
    }

    static List<Sample.Judged> judge(DetectorUnderTest agent, PageServer pages, ExecutorService pool)
            throws IOException {
        Path manifest = manifest();
        Path dir = manifest.getParent();
        List<Sample> samples = new ArrayList<>();
        List<Supplier<Outcome>> checks = new ArrayList<>();
        for (Entry e : read(manifest)) {
            URI url = pages.putFile("/blind/" + samples.size(), e.status(), e.contentType(), dir.resolve(e.file()));
            checks.add(() -> agent.check(url));
            samples.add(new Sample(MaterialSet.BLIND, e.expected().toString(), e.file()
                    + (e.notes().isEmpty() ? "" : " (" + e.notes() + ")"), e.expected()));
        }
        return Parallel.judge(pool, samples, checks);
    }
}
