package org.watchpost.agent.log;

import java.util.regex.Pattern;

/**
 * Removes terminal control sequences from text that came from outside (a page's title, evidence, a server's error
 * message) before it reaches a terminal or a log: an escape sequence in a page could otherwise recolour, rewrite or
 * hide lines of {@code agent.log} when an operator reads it with {@code less -R} or {@code tail}, retitle the terminal,
 * or (with some terminals) paste into it. Newlines and tabs are kept; every other C0 and C1 control character, DEL and
 * the escape sequences they start are removed.
 */
public final class ControlChars {
    /** CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), other two-character escapes, and the 8-bit forms. */
    private static final Pattern SEQUENCES = Pattern.compile(
            "(?:\\u001B\\[|\\u009B)[0-?]*[ -/]*[@-~]"
                    + "|(?:\\u001B[\\]PX^_]|[\\u0090\\u009D\\u009E\\u009F\\u0098])[^\\u0007\\u001B\\u009C\\n]*"
                    + "(?:\\u0007|\\u001B\\\\|\\u009C)?"
                    + "|\\u001B[ -/]*[0-~]?");
    private static final Pattern SINGLE = Pattern.compile("[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F]");

    private ControlChars() {
    }

    /** True if {@code s} holds anything {@link #strip} would remove. */
    public static boolean present(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F)) {
                return true;
            }
        }
        return false;
    }

    /** {@code s} without control sequences and control characters other than newline and tab; null stays null. */
    public static String strip(String s) {
        if (s == null || !present(s)) {
            return s;
        }
        return SINGLE.matcher(SEQUENCES.matcher(s).replaceAll("")).replaceAll("");
    }

    /** Like {@link #strip}, and newlines too become spaces: for one-line fields. */
    public static String oneLine(String s) {
        String out = strip(s);
        return out == null ? null : out.replace('\n', ' ').replace('\t', ' ');
    }
}
