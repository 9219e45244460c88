package org.watchpost.agent.detect;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where each anchor hit stands in the page, found by one forward pass over the HTML that runs only when there are
 * hits. It is a tokenizer, not a parser: it knows tags, comments, raw-text elements (script, style, textarea, title)
 * and counts the quoting elements (pre, code, blockquote) a hit is nested in. That is what the detector needs to
 * tell an error the page <i>shows</i> from an error a page <i>quotes</i>.
 */
final class PageContext {
    static final int IN_TITLE = 1;
    static final int IN_MARKUP = 1 << 1;
    static final int IN_SCRIPT = 1 << 2;
    static final int IN_STYLE = 1 << 3;
    static final int IN_COMMENT = 1 << 4;
    static final int IN_PRE = 1 << 5;
    static final int IN_CODE = 1 << 6;
    static final int IN_BLOCKQUOTE = 1 << 7;
    static final int IN_TEXTAREA = 1 << 8;
    static final int AFTER_HTML_END = 1 << 9;
    /** Inside {@code <td>}, {@code <th>} or {@code <li>}. */
    static final int LISTED = 1 << 10;
    /**
     * Not shown to a visitor: inside {@code <template>} or {@code <noscript>}, or an element marked {@code hidden},
     * {@code aria-hidden="true"}, {@code style="display:none"} or {@code visibility:hidden}, or of class
     * {@code hidden} or {@code d-none}. Templates carry error markup that scripts show only on failure.
     */
    static final int HIDDEN = 1 << 11;
    /** Inside {@code <h1>} … {@code <h6>}. */
    static final int IN_HEADING = 1 << 12;

    static final int QUOTING = IN_PRE | IN_CODE | IN_BLOCKQUOTE | IN_TEXTAREA;
    static final int NOT_TEXT = IN_MARKUP | IN_SCRIPT | IN_STYLE | IN_COMMENT;

    private static final int MAX_TITLE_BYTES = 512;
    /** Attributes that keep an element from being shown (read on the tag's lower-cased attribute text). */
    private static final java.util.regex.Pattern HIDING = java.util.regex.Pattern.compile(
            "(?:^|\\s)hidden(?:\\s|=|/|>|$)|aria-hidden\\s*=\\s*[\"']?true|display\\s*:\\s*none"
                    + "|visibility\\s*:\\s*hidden|class\\s*=\\s*[\"']?(?:[^\"'>]*\\s)?(?:hidden|d-none)(?:[\\s\"'>]|$)");

    private final int[] offsets;
    private final int[] flags;
    private final int[] visibleBefore;
    private final int[] items;
    private final int visibleTotal;
    private final int htmlEnd;
    private final String title;
    private final boolean html;

    private PageContext(int[] offsets, int[] flags, int[] visibleBefore, int[] items, int visibleTotal, int htmlEnd,
                        String title, boolean html) {
        this.offsets = offsets;
        this.flags = flags;
        this.visibleBefore = visibleBefore;
        this.items = items;
        this.visibleTotal = visibleTotal;
        this.htmlEnd = htmlEnd;
        this.title = title;
        this.html = html;
    }

    /** Flags of the hit that starts at {@code offset} (one of the offsets given to {@link #analyze}). */
    int flags(int offset) {
        return flags[index(offset)];
    }

    /**
     * The table cell or list item the hit at {@code offset} stands in, numbered in page order from 1, or 0 outside
     * any: tells one error in a widget from a table of many.
     */
    int item(int offset) {
        return items[index(offset)];
    }

    /** Visible (non-whitespace text) bytes before {@code offset}. */
    int visibleBefore(int offset) {
        return visibleBefore[index(offset)];
    }

    /** Visible bytes of the whole page: its text without markup, scripts, styles, comments and whitespace. */
    int visibleTotal() {
        return visibleTotal;
    }

    /** Offset just past the first {@code </html>}, or -1 when the page has none. */
    int htmlEnd() {
        return htmlEnd;
    }

    /** The page title, raw (not entity-decoded), or empty. */
    String title() {
        return title;
    }

    /** Whether the body looks like HTML at all (a plain-text body is all visible text). */
    boolean isHtml() {
        return html;
    }

    private int index(int offset) {
        int i = Arrays.binarySearch(offsets, offset);
        if (i < 0) {
            throw new IllegalArgumentException("offset " + offset + " was not analysed");
        }
        return i;
    }

    /**
     * Analyses the page once for all hit offsets.
     *
     * @param offsets sorted, distinct byte offsets of hit starts
     */
    static PageContext analyze(byte[] b, int[] offsets) {
        int length = b.length;
        int[] flags = new int[offsets.length];
        int[] visibleBefore = new int[offsets.length];
        int[] items = new int[offsets.length];
        boolean html = looksLikeHtml(b);
        if (!html) {
            int visible = 0;
            int h = 0;
            for (int i = 0; i < length; i++) {
                while (h < offsets.length && offsets[h] == i) {
                    visibleBefore[h++] = visible;
                }
                if (!AnchorAutomaton.isWhitespace(b[i] & 0xff)) {
                    visible++;
                }
            }
            while (h < offsets.length) {
                visibleBefore[h++] = visible;
            }
            return new PageContext(offsets, flags, visibleBefore, items, visible, -1, "", false);
        }
        Scanner s = new Scanner(b, offsets, flags, visibleBefore, items);
        s.run();
        return new PageContext(offsets, flags, visibleBefore, items, s.visible, s.htmlEnd, s.title, true);
    }

    static boolean looksLikeHtml(byte[] b) {
        int length = b.length;
        int i = 0;
        if (length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            i = 3; // UTF-8 byte order mark
        }
        while (i < length && AnchorAutomaton.isWhitespace(b[i] & 0xff)) {
            i++;
        }
        if (i < length && b[i] == '<') {
            return true;
        }
        // Some failures print text first and markup after (a PHP warning before the page): look a little further.
        int limit = Math.min(length, 4096);
        for (int k = i; k + 5 < limit; k++) {
            if (b[k] == '<' && (startsWithIgnoreCase(b, k + 1, "html") || startsWithIgnoreCase(b, k + 1, "body")
                    || startsWithIgnoreCase(b, k + 1, "!doctype") || startsWithIgnoreCase(b, k + 1, "br")
                    || startsWithIgnoreCase(b, k + 1, "b>") || startsWithIgnoreCase(b, k + 1, "div")
                    || startsWithIgnoreCase(b, k + 1, "p>") || startsWithIgnoreCase(b, k + 1, "h1"))) {
                return true;
            }
        }
        return false;
    }

    static boolean startsWithIgnoreCase(byte[] b, int at, String ascii) {
        if (at + ascii.length() > b.length) {
            return false;
        }
        for (int k = 0; k < ascii.length(); k++) {
            if (AnchorAutomaton.fold(b[at + k] & 0xff) != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The tokenizer; assigns flags to offsets as it passes them. */
    private static final class Scanner {
        private final byte[] b;
        private final int n;
        private final int[] offsets;
        private final int[] flags;
        private final int[] visibleBefore;
        private int h;
        int visible;
        int htmlEnd = -1;
        String title = "";
        private int pre;
        private int code;
        private int blockquote;
        private int listed;
        private final int[] items;
        /** Open cells and items, innermost last (bounded: deeper nesting keeps the innermost known one). */
        private final int[] itemStack = new int[32];
        private int itemCount;
        private int heading;
        /** The element that hides what follows (lower case), or null; nested elements of its name are counted. */
        private String hiddenBy;
        private int hiddenNested;

        Scanner(byte[] b, int[] offsets, int[] flags, int[] visibleBefore, int[] items) {
            this.items = items;
            this.b = b;
            this.n = b.length;
            this.offsets = offsets;
            this.flags = flags;
            this.visibleBefore = visibleBefore;
        }

        void run() {
            int i = 0;
            while (i < n) {
                if (b[i] == '<' && i + 1 < n) {
                    int next = b[i + 1] & 0xff;
                    if (next == '!' && startsWithIgnoreCase(b, i + 2, "--")) {
                        i = region(i, find(b, i + 4, "-->", 3), IN_COMMENT);
                        continue;
                    }
                    if (next == '!' || next == '?') {
                        i = region(i, skipTag(i + 2), IN_MARKUP);
                        continue;
                    }
                    if (next == '/' || isLetter(next)) {
                        i = tag(i, next == '/');
                        continue;
                    }
                }
                // A run of text up to the next '<'.
                int end = i + 1;
                while (end < n && b[end] != '<') {
                    end++;
                }
                text(i, end, 0);
                i = end;
            }
            while (h < offsets.length) {
                flags[h] = baseFlags(n);
                items[h] = currentItem();
                visibleBefore[h++] = visible;
            }
        }

        private int tag(int start, boolean closing) {
            int nameStart = start + (closing ? 2 : 1);
            int nameEnd = nameStart;
            while (nameEnd < n && (isLetter(b[nameEnd] & 0xff) || isDigit(b[nameEnd] & 0xff))) {
                nameEnd++;
            }
            int end = skipTag(nameEnd);
            region(start, end, IN_MARKUP);
            boolean selfClosing = end >= 2 && b[end - 2] == '/';
            if (hiddenBy != null && is(nameStart, nameEnd, hiddenBy)) {
                if (closing) {
                    if (hiddenNested == 0) {
                        hiddenBy = null;
                    } else {
                        hiddenNested--;
                    }
                } else if (!selfClosing) {
                    hiddenNested++;
                }
            } else if (hiddenBy == null && !closing && !selfClosing && !isVoid(nameStart, nameEnd)
                    && hides(nameStart, nameEnd, end)) {
                hiddenBy = new String(b, nameStart, nameEnd - nameStart, StandardCharsets.ISO_8859_1)
                        .toLowerCase(java.util.Locale.ROOT);
                hiddenNested = 0;
            }
            if (closing) {
                if (isHeading(nameStart, nameEnd)) {
                    heading = Math.max(0, heading - 1);
                } else if (is(nameStart, nameEnd, "pre")) {
                    pre = Math.max(0, pre - 1);
                } else if (is(nameStart, nameEnd, "code")) {
                    code = Math.max(0, code - 1);
                } else if (is(nameStart, nameEnd, "blockquote")) {
                    blockquote = Math.max(0, blockquote - 1);
                } else if (isListing(nameStart, nameEnd)) {
                    listed = Math.max(0, listed - 1);
                } else if (htmlEnd < 0 && is(nameStart, nameEnd, "html")) {
                    htmlEnd = end;
                }
                return end;
            }
            if (selfClosing) {
                return end;
            }
            if (is(nameStart, nameEnd, "script")) {
                return rawText(end, "</script", IN_SCRIPT);
            } else if (is(nameStart, nameEnd, "style")) {
                return rawText(end, "</style", IN_STYLE);
            } else if (is(nameStart, nameEnd, "textarea")) {
                return rawText(end, "</textarea", IN_TEXTAREA);
            } else if (is(nameStart, nameEnd, "title")) {
                int close = findIgnoreCase(end, "</title");
                if (title.isEmpty()) {
                    title = new String(b, end, Math.min(close - end, MAX_TITLE_BYTES), StandardCharsets.UTF_8)
                            .strip();
                }
                text(end, close, IN_TITLE);
                return close;
            } else if (is(nameStart, nameEnd, "pre")) {
                pre++;
            } else if (is(nameStart, nameEnd, "code")) {
                code++;
            } else if (is(nameStart, nameEnd, "blockquote")) {
                blockquote++;
            } else if (isListing(nameStart, nameEnd)) {
                listed++;
                itemCount++;
                if (listed <= itemStack.length) {
                    itemStack[listed - 1] = itemCount;
                }
            } else if (isHeading(nameStart, nameEnd)) {
                heading++;
            }
            return end;
        }

        private boolean isHeading(int from, int to) {
            return to - from == 2 && (b[from] | 0x20) == 'h' && b[from + 1] >= '1' && b[from + 1] <= '6';
        }

        private boolean isVoid(int from, int to) {
            return is(from, to, "img") || is(from, to, "input") || is(from, to, "br") || is(from, to, "hr")
                    || is(from, to, "meta") || is(from, to, "link") || is(from, to, "source") || is(from, to, "wbr");
        }

        /** Whether the element opened by the tag [nameStart, end) is not shown to visitors. */
        private boolean hides(int nameStart, int nameEnd, int end) {
            if (is(nameStart, nameEnd, "template") || is(nameStart, nameEnd, "noscript")) {
                return true;
            }
            if (end - nameEnd < 7) {
                return false;
            }
            String attrs = new String(b, nameEnd, Math.min(end - nameEnd, 1024), StandardCharsets.ISO_8859_1)
                    .toLowerCase(java.util.Locale.ROOT);
            return HIDING.matcher(attrs).find();
        }

        /** Content of script, style or textarea: one region up to the closing tag (which the main loop reads). */
        private int rawText(int from, String closer, int flag) {
            int close = findIgnoreCase(from, closer);
            if (flag == IN_TEXTAREA) {
                text(from, close, IN_TEXTAREA);
            } else {
                region(from, close, flag);
            }
            return close;
        }

        /** A text run: visible bytes are counted; title text is visible in the tab but not counted as body. */
        private void text(int from, int to, int extra) {
            int base = baseFlags(from) | extra;
            int count = visible;
            int p = from;
            while (h < offsets.length && offsets[h] < to) {
                int target = Math.max(offsets[h], from);
                for (; p < target; p++) {
                    if (!AnchorAutomaton.isWhitespace(b[p] & 0xff)) {
                        count++;
                    }
                }
                flags[h] = base;
                items[h] = currentItem();
                visibleBefore[h++] = extra == IN_TITLE ? visible : count;
            }
            if (extra == IN_TITLE) {
                return;
            }
            for (; p < to; p++) {
                if (!AnchorAutomaton.isWhitespace(b[p] & 0xff)) {
                    count++;
                }
            }
            visible = count;
        }

        /** A non-text region [from, to): every offset inside gets {@code flag}. Returns {@code to}. */
        private int region(int from, int to, int flag) {
            int base = baseFlags(from) | flag;
            while (h < offsets.length && offsets[h] < to) {
                flags[h] = base;
                items[h] = currentItem();
                visibleBefore[h++] = visible;
            }
            return to;
        }

        private int currentItem() {
            return listed == 0 ? 0 : itemStack[Math.min(listed, itemStack.length) - 1];
        }

        private int baseFlags(int at) {
            int f = 0;
            if (pre > 0) {
                f |= IN_PRE;
            }
            if (code > 0) {
                f |= IN_CODE;
            }
            if (blockquote > 0) {
                f |= IN_BLOCKQUOTE;
            }
            if (listed > 0) {
                f |= LISTED;
            }
            if (heading > 0) {
                f |= IN_HEADING;
            }
            if (hiddenBy != null) {
                f |= HIDDEN;
            }
            if (htmlEnd >= 0 && at >= htmlEnd) {
                f |= AFTER_HTML_END;
            }
            return f;
        }

        /** Index just past the tag's closing '>', honouring quoted attribute values. */
        private int skipTag(int from) {
            int quote = 0;
            for (int i = from; i < n; i++) {
                int c = b[i] & 0xff;
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '>') {
                    return i + 1;
                }
            }
            return n;
        }

        private int findIgnoreCase(int from, String needle) {
            for (int i = from; i + needle.length() <= n; i++) {
                if (b[i] == '<' && startsWithIgnoreCase(b, i, needle)) {
                    return i;
                }
            }
            return n;
        }

        private boolean isListing(int from, int to) {
            return is(from, to, "td") || is(from, to, "th") || is(from, to, "li");
        }

        private boolean is(int from, int to, String name) {
            return to - from == name.length() && startsWithIgnoreCase(b, from, name);
        }
    }

    static int find(byte[] b, int from, String needle, int advance) {
        outer:
        for (int i = from; i + needle.length() <= b.length; i++) {
            for (int k = 0; k < needle.length(); k++) {
                if (b[i + k] != needle.charAt(k)) {
                    continue outer;
                }
            }
            return i + advance;
        }
        return b.length;
    }

    private static boolean isLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
