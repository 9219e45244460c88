package org.watchpost.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.watchpost.agent.detect.Signature;
import org.watchpost.agent.detect.SignatureLibrary;

/**
 * What {@code bench/side-by-side} feeds both probers, so they are measured on the same material:
 * {@code page SIZE FILE} writes a healthy institutional page of about SIZE bytes; {@code regexes N} prints N of the
 * built-in library's literal anchors as RE2 regexes, one per line, for blackbox_exporter's
 * {@code fail_if_body_matches_regexp}.
 */
public final class SideBySideInputs {
    private SideBySideInputs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("page")) {
            Files.write(Path.of(args[2]), InstitutionalPage.generate(InstitutionalPage.parseSize(args[1]),
                    InstitutionalPage.SEED));
        } else if (args.length == 2 && args[0].equals("regexes")) {
            int n = Integer.parseInt(args[1]);
            Set<String> anchors = new LinkedHashSet<>();
            for (Signature s : SignatureLibrary.builtIn().signatures()) {
                for (String a : s.anchors()) {
                    if (anchors.size() < n) {
                        anchors.add(a);
                    }
                }
            }
            if (anchors.size() < n) {
                throw new IllegalStateException("the library has only " + anchors.size() + " distinct anchors");
            }
            anchors.forEach(a -> System.out.println(re2Literal(a)));
        } else {
            System.err.println("usage: SideBySideInputs page SIZE FILE | regexes N");
            System.exit(2);
        }
    }

    /** {@code text} as an RE2 pattern that matches it literally. */
    static String re2Literal(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
