package org.watchpost.agent.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a user sees in a real-size terminal after the demo's table was redrawn many times. */
class RedrawTest {
    private static final String HEADER = "TARGET     STATE    CLASS                  HTTP  EVIDENCE";

    private static List<String> table(int frame) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.add("news       \u001b[32mUP      \u001b[0m -                      200");
        // Wider than the terminal, as the founding case's evidence is.
        lines.add("press      \u001b[31;1mDOWN    \u001b[0m db_storage_full        200   [table=watchdog] SQLSTATE[HY000]: "
                + "General error: 1114 The table 'watchdog' is full: INSERT INTO {watchdog} (uid, type) " + frame);
        lines.add("");
        lines.add("Recent changes:");
        lines.add("  01:56:02  press      up → DOWN  db_storage_full: [table=watchdog] SQLSTATE[HY000]: General error:"
                + " 1114 The table 'watchdog' is full");
        return lines;
    }

    @Test
    void aTableWiderThanTheTerminalLeavesNoStaleCopiesBehind() {
        VtScreen screen = new VtScreen(120, 30);
        screen.feed("Watchpost demo: banner line one\nbanner line two\n\n");
        Redraw redraw = new Redraw(120);
        for (int frame = 0; frame < 40; frame++) {
            screen.feed(redraw.frame(table(frame)));
        }

        assertThat(screen.rowsContaining("TARGET")).as(String.join("\n", screen.lines())).isEqualTo(1);
        assertThat(screen.rowsContaining("Watchpost demo")).isEqualTo(1);
        assertThat(screen.lines()).anySatisfy(l -> assertThat(l).startsWith("press").endsWith("…").hasSize(120));
    }

    @Test
    void whenTheWidthIsUnknownTheTerminalClipsAndNothingIsLeftBehindEither() {
        VtScreen screen = new VtScreen(80, 24);
        Redraw redraw = new Redraw(0);
        for (int frame = 0; frame < 40; frame++) {
            screen.feed(redraw.frame(table(frame)));
        }

        assertThat(screen.rowsContaining("TARGET")).as(String.join("\n", screen.lines())).isEqualTo(1);
        assertThat(screen.rowsContaining("Recent changes:")).isEqualTo(1);
    }

    @Test
    void theBlockShrinkingClearsWhatItNoLongerCovers() {
        VtScreen screen = new VtScreen(120, 30);
        Redraw redraw = new Redraw(120);
        screen.feed(redraw.frame(List.of("a", "b", "c", "d")));
        screen.feed(redraw.frame(List.of("x", "y")));

        assertThat(screen.lines().subList(0, 4)).containsExactly("x", "y", "", "");
    }

    @Test
    void clippingCountsVisibleColumnsAndKeepsColourResets() {
        Redraw redraw = new Redraw(10);
        String clipped = redraw.clip("\u001b[31mDOWN\u001b[0m 0123456789abcdef");

        assertThat(clipped).isEqualTo("\u001b[31mDOWN\u001b[0m 0123…");
        assertThat(redraw.clip("short")).isEqualTo("short");
    }
}
