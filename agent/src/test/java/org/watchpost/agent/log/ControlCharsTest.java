package org.watchpost.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Text from pages reaches agent.log and stderr; a terminal must never receive a control sequence from it. */
class ControlCharsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            colour (CSI)        | a\\u001b[31mred\\u001b[0mb       | aredb
            clear screen        | x\\u001b[2J\\u001b[Hy            | xy
            window title (OSC)  | t\\u001b]0;owned\\u0007u         | tu
            OSC with ST         | t\\u001b]8;;http://x\\u001b\\\\u | tu
            8-bit CSI           | a\\u009b31mb                     | ab
            bell and backspace  | a\\u0007b\\u0008c                | abc
            bare escape         | a\\u001bb                        | a
            """)
    void sequencesAreRemoved(String what, String input, String expected) {
        assertThat(ControlChars.strip(unescape(input))).as(what).isEqualTo(expected);
    }

    @Property(tries = 300)
    void nothingAControlCharacterIsLeftAndPlainTextIsKept(@ForAll String s) {
        String out = ControlChars.strip(s);
        assertThat(ControlChars.present(out)).as("controls left in %s", out).isFalse();
        if (!ControlChars.present(s)) {
            assertThat(out).isSameAs(s);
        }
    }

    @Property(tries = 200)
    void encodedEventsLoseTheirControlsButKeepTheirLineEnd(@ForAll String s) {
        byte[] line = (s + "\n").getBytes(StandardCharsets.UTF_8);
        String out = new String(SizeCappedEncoder.withoutControls(line), StandardCharsets.UTF_8);
        assertThat(out).endsWith("\n");
        assertThat(ControlChars.present(out)).isFalse();
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("\\u", i)) {
                b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (s.startsWith("\\\\", i)) {
                b.append('\\');
                i++;
            } else {
                b.append(s.charAt(i));
            }
        }
        return b.toString();
    }
}
