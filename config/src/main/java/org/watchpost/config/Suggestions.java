package org.watchpost.config;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Finds the valid word someone probably meant, for "did you mean" hints. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidate closest to {@code input}: same letters ignoring case, '_' and '-'; else the only candidate it is a
     * prefix of; else one within a small edit distance. Null when nothing is close enough to be a helpful guess.
     */
    public static String closest(String input, Collection<String> candidates) {
        String normalized = normalize(input);
        for (String c : candidates) {
            if (normalize(c).equals(normalized)) {
                return c;
            }
        }
        if (input.length() >= 4) {
            List<String> extensions = candidates.stream().filter(c -> c.startsWith(input)).toList();
            if (extensions.size() == 1) {
                return extensions.get(0);
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(input.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            // Short words are one or two edits away from many others; allow fewer edits for them.
            int allowed = Math.max(1, Math.min(2, c.length() / 3));
            if (d <= allowed && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Levenshtein distance; inputs are config keys, so the quadratic table is tiny. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
