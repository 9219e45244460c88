package org.watchpost.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeqRangesTest {
    private static String show(SeqRanges s) {
        StringBuilder b = new StringBuilder();
        for (long[] r : s.ranges()) {
            b.append('[').append(r[0]).append("..").append(r[1]).append(']');
        }
        return b.toString();
    }

    @Test
    void adjacentRangesMergeAndOverlapsAreNotCountedTwice() {
        SeqRanges s = new SeqRanges(List.of(new long[] {1, 10}));
        assertThat(s.add(11, 20)).isEqualTo(10);
        assertThat(show(s)).isEqualTo("[1..20]");
        assertThat(s.add(15, 25)).isEqualTo(5);
        assertThat(show(s)).isEqualTo("[1..25]");
        assertThat(s.add(1, 25)).isZero();
    }

    @Test
    void aRangeBridgingSeveralHolesCountsOnlyTheHoles() {
        SeqRanges s = new SeqRanges(List.of(new long[] {1, 10}, new long[] {21, 30}, new long[] {41, 50}));
        assertThat(s.add(5, 45)).isEqualTo(20);
        assertThat(show(s)).isEqualTo("[1..50]");
    }

    @Test
    void containsAndHoles() {
        SeqRanges s = new SeqRanges(List.of(new long[] {3, 5}, new long[] {9, 9}));
        assertThat(s.contains(2)).isFalse();
        assertThat(s.contains(3)).isTrue();
        assertThat(s.contains(5)).isTrue();
        assertThat(s.contains(6)).isFalse();
        assertThat(s.contains(9)).isTrue();
        assertThat(s.add(7, 7)).isEqualTo(1);
        assertThat(show(s)).isEqualTo("[3..5][7..7][9..9]");
        assertThat(s.add(6, 8)).isEqualTo(2);
        assertThat(show(s)).isEqualTo("[3..9]");
        assertThat(s.size()).isEqualTo(1);
    }
}
