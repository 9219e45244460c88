package org.watchpost.agent.eval;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.watchpost.agent.e2e.PageServer;

/**
 * The HTML manuals Debian ships, served as ordinary 200 pages with {@code Content-Type: text/html} and nothing else,
 * as a web server without a charset default sends them (each page declares its own charset in {@code <meta>}). They
 * quote error messages, stack traces and SQL on purpose, and none of them is failing: every alarm is false.
 */
final class DocumentationPages {
    /** Debian package, then where it keeps its HTML. */
    private static final List<String[]> MANUALS = List.of(
            new String[] {"python3-doc", "/usr/share/doc/python3/html"},
            new String[] {"postgresql-doc-15", "/usr/share/doc/postgresql-doc-15/html"},
            new String[] {"apache2-doc", "/usr/share/doc/apache2-doc/manual"},
            new String[] {"python-django-doc", "/usr/share/doc/python-django-doc/html"});
    static final int MINIMUM_PAGES = 2_000;

    private DocumentationPages() {
    }

    static List<Sample.Judged> judge(DetectorUnderTest agent, PageServer pages, ExecutorService pool)
            throws IOException {
        List<Sample> samples = new ArrayList<>();
        List<Supplier<Outcome>> checks = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (String[] manual : MANUALS) {
            Path root = Path.of(manual[1]);
            if (!Files.isDirectory(root)) {
                throw new IllegalStateException("the evaluation needs the HTML manual in " + root
                        + ": install the Debian package " + manual[0] + ", or run .ci/run");
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
                files = walk.filter(p -> p.getFileName().toString().endsWith(".html") && Files.isRegularFile(p))
                        .sorted().toList();
            }
            for (Path f : files) {
                // The same file reached through a language link is one page, not two.
                if (!seen.add(f.toRealPath())) {
                    continue;
                }
                String relative = root.relativize(f).toString();
                URI url = pages.putFile("/doc/" + samples.size() + ".html", 200, "text/html", f);
                checks.add(() -> agent.check(url));
                samples.add(new Sample(MaterialSet.DOCUMENTATION, manual[0], manual[0] + ": " + relative,
                        Expected.HEALTHY));
            }
        }
        if (samples.size() < MINIMUM_PAGES) {
            throw new IllegalStateException("the documentation set has " + samples.size() + " pages, fewer than "
                    + MINIMUM_PAGES + "; are the manuals' packages installed completely?");
        }
        return Parallel.judge(pool, samples, checks);
    }
}
