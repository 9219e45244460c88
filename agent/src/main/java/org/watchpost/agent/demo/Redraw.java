package org.watchpost.agent.demo;

import java.util.List;

/**
 * Redraws a block of lines in place on an ANSI terminal. What goes wrong without care: a line wider than the terminal
 * wraps onto a second row, the next redraw moves the cursor up by the number of lines, not rows, and every redraw leaves
 * a stale copy of the block's first line behind. So auto-wrap is switched off while the block is written (DECAWM,
 * {@code ESC[?7l}) and lines are clipped to the width when it is known: one line is always one row.
 *
 * <p>Not thread-safe; the demo's table calls it under its own lock.
 */
final class Redraw {
    private static final String ESC = "\u001b[";

    private final int width;
    private int drawnRows;

    /** @param width the terminal's columns, or 0 when unknown (the terminal then clips, with auto-wrap off) */
    Redraw(int width) {
        this.width = width;
    }

    /** The bytes that replace the previous block with {@code lines}. */
    String frame(List<String> lines) {
        StringBuilder out = new StringBuilder();
        out.append(ESC).append("?7l");
        if (drawnRows > 0) {
            out.append(ESC).append(drawnRows).append('F'); // to the start of the block's first row
        }
        out.append(ESC).append('J'); // clear from there to the end of the screen
        for (String line : lines) {
            out.append(clip(line)).append('\n');
        }
        out.append(ESC).append("?7h");
        drawnRows = lines.size();
        return out.toString();
    }

    /** Cuts {@code line} to the width, counting visible characters only (escape sequences take no column). */
    String clip(String line) {
        if (width <= 0 || visibleColumns(line) <= width) {
            return line;
        }
        StringBuilder out = new StringBuilder(line.length());
        int columns = 0;
        for (int i = 0; i < line.length(); ) {
            if (line.startsWith(ESC, i)) {
                int end = escapeEnd(line, i);
                out.append(line, i, end); // colours still apply and are still reset
                i = end;
                continue;
            }
            int cp = line.codePointAt(i);
            if (columns < width - 1) {
                out.appendCodePoint(cp);
            } else if (columns == width - 1) {
                out.append('…');
            }
            columns++;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static int visibleColumns(String line) {
        int columns = 0;
        for (int i = 0; i < line.length(); ) {
            if (line.startsWith(ESC, i)) {
                i = escapeEnd(line, i);
                continue;
            }
            columns++;
            i += Character.charCount(line.codePointAt(i));
        }
        return columns;
    }

    /** The index after the control sequence starting at {@code i}: ESC [ parameters, then one final byte @..~. */
    private static int escapeEnd(String line, int i) {
        int end = i + ESC.length();
        while (end < line.length() && (line.charAt(end) < '@' || line.charAt(end) > '~')) {
            end++;
        }
        return Math.min(end + 1, line.length());
    }
}
