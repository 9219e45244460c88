package org.watchpost.agent.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * A model of what a VT100-style terminal (xterm, tmux) shows: a grid of rows and columns, a cursor, auto-wrap with the
 * pending-wrap rule of the last column, scrolling at the bottom, and the control sequences the demo's table uses
 * (CSI n F / A, CSI J, CSI K, CSI ?7 l/h, SGR colours). A newline is a carriage return too, as a terminal in cooked mode
 * receives it. Enough to tell what a user would see after many redraws; not a full emulator.
 */
final class VtScreen {
    private final int width;
    private final int height;
    private final List<StringBuilder> rows = new ArrayList<>();
    private int row;
    private int col;
    private boolean autowrap = true;
    private boolean wrapPending;

    VtScreen(int width, int height) {
        this.width = width;
        this.height = height;
        for (int i = 0; i < height; i++) {
            rows.add(blank());
        }
    }

    VtScreen feed(String text) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c == '\u001b' && i + 1 < text.length() && text.charAt(i + 1) == '[') {
                int end = i + 2;
                while (end < text.length() && (text.charAt(end) < '@' || text.charAt(end) > '~')) {
                    end++;
                }
                control(text.substring(i + 2, end), text.charAt(end));
                i = end + 1;
                continue;
            }
            if (c == '\n') {
                lineFeed();
                col = 0;
            } else if (c == '\r') {
                col = 0;
                wrapPending = false;
            } else {
                put(text.codePointAt(i));
            }
            i += Character.charCount(text.codePointAt(i));
        }
        return this;
    }

    /** The screen's rows, trailing blanks trimmed. */
    List<String> lines() {
        return rows.stream().map(r -> r.toString().stripTrailing()).toList();
    }

    long rowsContaining(String text) {
        return lines().stream().filter(l -> l.contains(text)).count();
    }

    private void put(int codePoint) {
        if (wrapPending && autowrap) {
            lineFeed();
            col = 0;
        }
        wrapPending = false;
        rows.get(row).replace(col, col + 1, new String(Character.toChars(codePoint)));
        if (col == width - 1) {
            wrapPending = true; // the cursor stays in the last column until the next character
        } else {
            col++;
        }
    }

    private void control(String params, char fin) {
        int n = params.isEmpty() || params.startsWith("?") ? 1 : Integer.parseInt(params.split(";")[0]);
        wrapPending = false;
        switch (fin) {
            case 'F' -> {
                row = Math.max(0, row - n);
                col = 0;
            }
            case 'A' -> row = Math.max(0, row - n);
            case 'J' -> {
                rows.get(row).replace(col, width, " ".repeat(width - col));
                for (int r = row + 1; r < height; r++) {
                    rows.set(r, blank());
                }
            }
            case 'K' -> rows.get(row).replace(col, width, " ".repeat(width - col));
            case 'h', 'l' -> {
                if (params.equals("?7")) {
                    autowrap = fin == 'h';
                }
            }
            case 'm' -> { } // colours take no room
            default -> throw new IllegalArgumentException("the model does not know CSI " + params + fin);
        }
    }

    private void lineFeed() {
        wrapPending = false;
        if (row == height - 1) {
            rows.remove(0);
            rows.add(blank());
        } else {
            row++;
        }
    }

    private StringBuilder blank() {
        return new StringBuilder(" ".repeat(width));
    }
}
