package org.watchpost.agent.detect;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The decoded text around one anchor hit: markup stripped, character references decoded, whitespace collapsed.
 * Confirming regexes run on it and the evidence excerpt is cut from it. Only hits pay for this; the page as a whole
 * is never decoded.
 */
final class TextWindow {
    private static final Pattern HIDDEN_BLOCKS =
            Pattern.compile("(?is)<script\\b.*?(?:</script\\s*>|$)|<style\\b.*?(?:</style\\s*>|$)|<!--.*?(?:-->|$)");
    /** Inline elements vanish without a gap ("<b>Fatal error</b>:" reads "Fatal error:"); others break words. */
    private static final Pattern INLINE_TAGS = Pattern.compile(
            "(?i)</?(?:a|b|i|u|s|em|strong|span|code|font|small|big|sup|sub|abbr|tt|kbd|var|samp|mark|q|cite|label)"
                    + "\\b[^>]*>");
    private static final Pattern OTHER_TAGS = Pattern.compile("<[/!?a-zA-Z][^>]*>");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0]+");
    private static final int EXCERPT_BEFORE = 60;

    /** Stands for a block boundary (a tag that is not inline, a script, a comment) in {@link #blocks}. */
    static final char BREAK = '\u2029';
    private static final Pattern BREAKS = Pattern.compile("[\\s\\u00a0]*\u2029[\\s\\u00a0\u2029]*");

    private final String raw;
    private final String text;
    private String blocks;
    /** Where the hit's start falls in {@link #text}, as a fraction, when the anchor itself cannot be found in it. */
    private final double hitFraction;

    private TextWindow(String raw, String text, double hitFraction) {
        this.raw = raw;
        this.text = text;
        this.hitFraction = hitFraction;
    }

    static TextWindow around(byte[] body, int start, int end, int before, int after) {
        int from = Math.max(0, start - before);
        int to = Math.min(body.length, end + after);
        from = alignToCharStart(body, from);
        String raw = new String(body, from, to - from, StandardCharsets.UTF_8);
        double fraction = to == from ? 0 : (double) (start - from) / (to - from);
        // One conversion for both views: the text is the blocks' text with the block breaks as spaces.
        String blocks = toText(raw, true);
        TextWindow w = new TextWindow(raw, SPACES.matcher(blocks.replace(BREAK, ' ')).replaceAll(" ").strip(),
                fraction);
        w.blocks = blocks;
        return w;
    }

    /** For a whole small input (a header block, a plain-text body). */
    static TextWindow ofText(String s) {
        return new TextWindow(s, SPACES.matcher(Entities.decode(s)).replaceAll(" ").strip(), 0);
    }

    String raw() {
        return raw;
    }

    String text() {
        return text;
    }

    /** Like {@link #text}, with {@link #BREAK} where a block ends and another begins; made on first use. */
    String blocks() {
        if (blocks == null) {
            blocks = toText(raw, true);
        }
        return blocks;
    }

    /**
     * The text of the block a hit stands in: what precedes the anchor in it and what follows, decoded, at most
     * {@code reach} characters each way.
     */
    Surroundings surroundings(String anchor, int reach) {
        String t = blocks();
        String needle = SPACES.matcher(Entities.decode(anchor)).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
        String lower = t.toLowerCase(Locale.ROOT);
        int guess = (int) Math.round(hitFraction * t.length());
        int at = -1;
        for (int i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + 1)) {
            if (at < 0 || Math.abs(i - guess) < Math.abs(at - guess)) {
                at = i;
            }
        }
        if (at < 0) {
            return new Surroundings("", "", false);
        }
        int blockStart = t.lastIndexOf(BREAK, at) + 1;
        int blockEnd = t.indexOf(BREAK, at + needle.length());
        if (blockEnd < 0) {
            blockEnd = t.length();
        }
        String before = t.substring(Math.max(blockStart, at - reach), at);
        String after = t.substring(at + needle.length(), Math.min(blockEnd, at + needle.length() + reach));
        return new Surroundings(before, after, true);
    }

    /** The text on either side of a hit within its block; {@code found} is false if the anchor was not located. */
    record Surroundings(String before, String after, boolean found) {
    }

    /** Where the anchor starts in the text, found case- and whitespace-insensitively, or an estimate. */
    int locate(String anchor) {
        String needle = SPACES.matcher(Entities.decode(anchor)).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
        int at = text.toLowerCase(Locale.ROOT).indexOf(needle);
        return at >= 0 ? at : (int) Math.round(hitFraction * text.length());
    }

    /** At most {@code max} characters of text around {@code at}, cut at word boundaries, secrets redacted. */
    String excerpt(int at, int max) {
        int from = Math.max(0, at - EXCERPT_BEFORE);
        int to = Math.min(text.length(), from + max - 2);
        if (from > 0) {
            int space = text.indexOf(' ', from);
            if (space >= 0 && space < at) {
                from = space + 1;
            }
        }
        if (to < text.length()) {
            int space = text.lastIndexOf(' ', to);
            if (space > at) {
                to = space;
            }
        }
        String s = (from > 0 ? "…" : "") + text.substring(from, to).strip() + (to < text.length() ? "…" : "");
        return Redactor.redact(s);
    }

    static String toText(String html) {
        return toText(html, false);
    }

    private static String toText(String html, boolean keepBlocks) {
        String s = html;
        // A window can start inside a tag: drop the tag's tail.
        int gt = s.indexOf('>');
        int lt = s.indexOf('<');
        if (gt >= 0 && (lt < 0 || gt < lt) && gt < 200) {
            s = s.substring(gt + 1);
        }
        // ... and end inside one: drop its head.
        int lastLt = s.lastIndexOf('<');
        if (lastLt >= 0 && s.indexOf('>', lastLt) < 0) {
            s = s.substring(0, lastLt);
        }
        String gap = keepBlocks ? String.valueOf(BREAK) : " ";
        s = HIDDEN_BLOCKS.matcher(s).replaceAll(gap);
        s = INLINE_TAGS.matcher(s).replaceAll("");
        s = OTHER_TAGS.matcher(s).replaceAll(gap);
        s = Entities.decode(s);
        if (keepBlocks) {
            s = BREAKS.matcher(s).replaceAll(gap);
        }
        return SPACES.matcher(s).replaceAll(" ").strip();
    }

    /** Moves back over UTF-8 continuation bytes so a window never starts mid-character. */
    private static int alignToCharStart(byte[] b, int i) {
        int k = i;
        while (k > 0 && k > i - 3 && (b[k] & 0xC0) == 0x80) {
            k--;
        }
        return k;
    }
}
