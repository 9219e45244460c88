package org.watchpost.collector.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of sequence numbers kept as disjoint, non-adjacent inclusive ranges: what an agent's sequences look like
 * (one long run, a few holes). Not thread-safe; one ingest transaction owns one.
 *
 * <pre>{@code
 * SeqRanges s = new SeqRanges(List.of(new long[] {1, 100}));
 * s.add(101, 150);        // 50 newly covered; now [1..150]
 * s.contains(42);         // true
 * }</pre>
 */
public final class SeqRanges {
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    public SeqRanges(List<long[]> initial) {
        for (long[] r : initial) {
            add(r[0], r[1]);
        }
    }

    public boolean contains(long seq) {
        Map.Entry<Long, Long> e = ranges.floorEntry(seq);
        return e != null && e.getValue() >= seq;
    }

    /** Adds {@code from..to} (inclusive) and returns how many of its sequences were not in the set before. */
    public long add(long from, long to) {
        if (to < from) {
            throw new IllegalArgumentException("empty range " + from + ".." + to);
        }
        long newlyCovered = to - from + 1;
        long start = from;
        long end = to;
        // The range that starts at or before `from` may overlap or touch it.
        Map.Entry<Long, Long> before = ranges.floorEntry(from);
        if (before != null && before.getValue() >= from - 1) {
            newlyCovered -= overlap(before.getKey(), before.getValue(), from, to);
            start = before.getKey();
            end = Math.max(end, before.getValue());
            ranges.remove(before.getKey());
        }
        // Ranges that start inside or right after it.
        Map.Entry<Long, Long> next = ranges.ceilingEntry(from);
        while (next != null && next.getKey() <= end + 1) {
            newlyCovered -= overlap(next.getKey(), next.getValue(), from, to);
            end = Math.max(end, next.getValue());
            ranges.remove(next.getKey());
            next = ranges.ceilingEntry(from);
        }
        ranges.put(start, end);
        return newlyCovered;
    }

    private static long overlap(long aFrom, long aTo, long bFrom, long bTo) {
        long lo = Math.max(aFrom, bFrom);
        long hi = Math.min(aTo, bTo);
        return hi >= lo ? hi - lo + 1 : 0;
    }

    /** The ranges, ascending, as {@code {from, to}} pairs. */
    public List<long[]> ranges() {
        List<long[]> out = new ArrayList<>(ranges.size());
        ranges.forEach((f, t) -> out.add(new long[] {f, t}));
        return out;
    }

    public int size() {
        return ranges.size();
    }
}
