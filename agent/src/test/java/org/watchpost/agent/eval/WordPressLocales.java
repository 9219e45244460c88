package org.watchpost.agent.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The site languages Debian's wordpress-l10n ships: one {@code LOCALE.mo} each (admin and city names aside). */
final class WordPressLocales {
    private static final Path LANGUAGES = Path.of("/usr/share/wordpress/wp-content/languages");
    private static final Pattern SITE_FILE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?\\.mo");

    private WordPressLocales() {
    }

    static List<String> all() throws IOException {
        if (!Files.isDirectory(LANGUAGES)) {
            throw new IllegalStateException("the evaluation needs WordPress's translations in " + LANGUAGES
                    + ": install the Debian package wordpress-l10n, or run .ci/run");
        }
        try (Stream<Path> files = Files.list(LANGUAGES)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> SITE_FILE.matcher(n).matches())
                    .map(n -> n.substring(0, n.length() - 3))
                    .sorted()
                    .toList();
        }
    }
}
