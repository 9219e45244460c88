package org.watchpost.agent.journal;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One segment file. Names carry the sequence range so that starting with thousands of segments reads no file:
 * {@code 00000000000000000001.seg} while open for appending, renamed to
 * {@code 00000000000000000001-00000000000000001234.seg} when sealed.
 */
final class Segment {
    static final String SUFFIX = ".seg";
    private static final Pattern ACTIVE = Pattern.compile("(\\d{20})\\.seg");
    private static final Pattern SEALED = Pattern.compile("(\\d{20})-(\\d{20})\\.seg");

    final long first;
    /** Last sequence written to it; first - 1 while empty. */
    long last;
    long bytes;
    /** Newest record's timestamp, for max_age; from the file's modification time for segments of earlier runs. */
    long newestMillis;
    Path path;
    boolean sealed;

    Segment(Path path, long first, long last, long bytes, long newestMillis, boolean sealed) {
        this.path = path;
        this.first = first;
        this.last = last;
        this.bytes = bytes;
        this.newestMillis = newestMillis;
        this.sealed = sealed;
    }

    long records() {
        return Math.max(0, last - first + 1);
    }

    static String activeName(long first) {
        return String.format("%020d%s", first, SUFFIX);
    }

    static String sealedName(long first, long last) {
        return String.format("%020d-%020d%s", first, last, SUFFIX);
    }

    /**
     * {first, last} of a sealed name, {first, -1} of an active one, or null for a foreign file: also for a name of
     * the right shape whose numbers cannot be a journal's (past {@code Long.MAX_VALUE}, zero, or a range that ends
     * before it starts), which a start must skip instead of stopping on.
     */
    static long[] parse(String name) {
        try {
            Matcher s = SEALED.matcher(name);
            if (s.matches()) {
                long first = Long.parseLong(s.group(1));
                long last = Long.parseLong(s.group(2));
                return first >= 1 && last >= first ? new long[] {first, last} : null;
            }
            Matcher a = ACTIVE.matcher(name);
            if (a.matches()) {
                long first = Long.parseLong(a.group(1));
                return first >= 1 && first < Long.MAX_VALUE ? new long[] {first, -1} : null;
            }
        } catch (NumberFormatException pastLongMax) {
            return null;
        }
        return null;
    }

    @Override
    public String toString() {
        return path.getFileName() + "[" + first + ".." + last + ", " + bytes + " bytes]";
    }
}
