package org.watchpost.agent.detect;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AnchorAutomatonTest {

    @Test
    void findsOverlappingPatternsCaseInsensitively() {
        AnchorAutomaton a = compile("he", "she", "his", "hers");
        assertThat(hits(a, "uSHErs")).containsExactly("1@4", "0@4", "3@6");
    }

    @Test
    void whitespaceRunsMatchOneSpace() {
        AnchorAutomaton a = compile("Fatal error: Allowed memory size");
        assertThat(hits(a, "<b>Fatal error</b>:  Allowed")).isEmpty();
        assertThat(hits(a, "PHP Fatal error:  \n\t Allowed memory size of 1 bytes")).containsExactly("0@40");
    }

    @Test
    void utf8BytesMatchExactly() {
        AnchorAutomaton a = compile("You’re seeing this error");
        assertThat(hits(a, "<p>YOU’RE SEEING THIS ERROR because")).hasSize(1);
        assertThat(hits(a, "<p>You're seeing this error")).isEmpty();
    }

    @Test
    void sinkCanStopTheScan() {
        // also on the interleaved path
        AnchorAutomaton many = compile("ab");
        byte[] longText = "ab ".repeat(2000).getBytes(UTF_8);
        int[] count = {0};
        many.scan(longText, 0, longText.length, (p, end) -> ++count[0] < 3);
        assertThat(count[0]).isEqualTo(3);

        AnchorAutomaton a = compile("ab");
        List<Integer> ends = new ArrayList<>();
        byte[] text = "ab ab ab ab".getBytes(UTF_8);
        a.scan(text, 0, text.length, (p, end) -> {
            ends.add(end);
            return ends.size() < 2;
        });
        assertThat(ends).containsExactly(2, 5);
    }

    @Test
    void emptyPatternIsRejectedByIndex() {
        assertThatThrownBy(() -> compile("ok", "  \n "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pattern 1 is empty after normalisation");
    }

    @Test
    void tinyDenseBudgetStillFindsEverything() {
        List<byte[]> ps = List.of(bytes("table 'watchdog' is full"), bytes("too many connections"),
                bytes("is full"), bytes("connections"));
        AnchorAutomaton sparse = AnchorAutomaton.compile(ps, 256);
        assertThat(sparse.denseStateCount()).isLessThan(sparse.stateCount());
        String text = "ERROR 1114: The table 'watchdog' is  full; Too many\nconnections";
        assertThat(hits(sparse, text)).isEqualTo(hits(AnchorAutomaton.compile(ps), text));
        assertThat(hits(sparse, text)).containsExactlyInAnyOrder("2@41", "0@41", "1@63", "3@63");
    }

    @Property(tries = 300)
    void agreesWithNaiveSearch(@ForAll("patternSets") List<String> patterns, @ForAll("texts") String text,
                               @ForAll @IntRange(min = 0, max = 32) int denseStates) {
        assertAgreesWithNaive(patterns, text, denseStates);
    }

    /** Long texts take the interleaved path: matches straddling segment boundaries must be found exactly once. */
    @Property(tries = 150)
    void interleavedScanAgreesWithNaiveSearch(@ForAll("patternSets") List<String> patterns,
                                              @ForAll("longTexts") String text,
                                              @ForAll @IntRange(min = 0, max = 32) int denseStates) {
        assertAgreesWithNaive(patterns, text, denseStates);
    }

    @Test
    void matchAcrossEverySegmentBoundaryIsFoundOnce() {
        String unit = "xx watchdog  is\n full ";
        String text = unit.repeat(400);
        List<byte[]> ps = List.of(bytes("watchdog is full"), bytes("full"), bytes("is full xx"));
        List<String> found = hits(AnchorAutomaton.compile(ps), text);
        assertThat(found).hasSize(400 + 400 + 399).doesNotHaveDuplicates();
    }

    private static void assertAgreesWithNaive(List<String> patterns, String text, int denseStates) {
        List<byte[]> ps = patterns.stream().map(AnchorAutomatonTest::bytes).toList();
        Set<String> expected = naive(ps, bytes(text));
        List<String> full = hits(AnchorAutomaton.compile(ps), text);
        List<String> sparse = hits(AnchorAutomaton.compile(ps, denseStates << 8), text);
        assertThat(full).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(full)).isEqualTo(expected);
        assertThat(sparse).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(sparse)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> longTexts() {
        return Arbitraries.strings().withChars('a', 'b', 'A', ' ', '\n', 'é').ofMinLength(2048).ofMaxLength(5000);
    }

    @Provide
    Arbitrary<List<String>> patternSets() {
        Arbitrary<String> pattern = Arbitraries.strings().withChars('a', 'b', 'B', ' ', '\n', 'é').ofMinLength(1)
                .ofMaxLength(6).filter(s -> !s.isBlank());
        return pattern.list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars('a', 'b', 'A', 'B', ' ', '\t', '\n', 'é', 'x').ofMaxLength(60);
    }

    /** Reference: normalise the text the same way, search every pattern with indexOf, map ends back to raw bytes. */
    private static Set<String> naive(List<byte[]> patterns, byte[] raw) {
        StringBuilder norm = new StringBuilder();
        List<Integer> rawEnd = new ArrayList<>();
        boolean inSpace = false;
        for (int i = 0; i < raw.length; i++) {
            int b = raw[i] & 0xff;
            if (AnchorAutomaton.isWhitespace(b)) {
                if (!inSpace) {
                    norm.append(' ');
                    rawEnd.add(i + 1);
                }
                inSpace = true;
            } else {
                norm.append((char) AnchorAutomaton.fold(b));
                rawEnd.add(i + 1);
                inSpace = false;
            }
        }
        Set<String> out = new TreeSet<>();
        for (int p = 0; p < patterns.size(); p++) {
            byte[] np = AnchorAutomaton.normalize(patterns.get(p));
            StringBuilder ps = new StringBuilder();
            for (byte x : np) {
                ps.append((char) (x & 0xff));
            }
            String needle = ps.toString();
            for (int at = norm.indexOf(needle); at >= 0; at = norm.indexOf(needle, at + 1)) {
                out.add(p + "@" + rawEnd.get(at + needle.length() - 1));
            }
        }
        return out;
    }

    private static AnchorAutomaton compile(String... patterns) {
        return AnchorAutomaton.compile(java.util.Arrays.stream(patterns).map(AnchorAutomatonTest::bytes).toList());
    }

    private static List<String> hits(AnchorAutomaton a, String text) {
        List<String> out = new ArrayList<>();
        byte[] b = bytes(text);
        a.scan(b, 0, b.length, (p, end) -> out.add(p + "@" + end));
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }
}
