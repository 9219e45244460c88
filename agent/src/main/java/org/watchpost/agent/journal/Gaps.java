package org.watchpost.agent.journal;

import java.util.ArrayList;
import java.util.List;

/**
 * Sequence ranges that were written but will never be delivered: their segment was deleted (capacity, age) or found
 * damaged. Only ranges above the acknowledged cursor matter, so the list is pruned as the cursor advances and stays
 * as small as the number of segments. Not thread-safe: guarded by the journal's lock.
 */
final class Gaps {
    /** Sorted, disjoint, inclusive [from, to] pairs. */
    private final List<long[]> ranges = new ArrayList<>();

    /** Adds [from, to]; returns how many of those sequences were not already in a gap. */
    long add(long from, long to) {
        if (from > to) {
            return 0;
        }
        long added = (to - from + 1) - count(from - 1, to);
        List<long[]> merged = new ArrayList<>();
        long a = from;
        long b = to;
        for (long[] r : ranges) {
            if (r[1] < a - 1 || r[0] > b + 1) {
                merged.add(r);
            } else {
                a = Math.min(a, r[0]);
                b = Math.max(b, r[1]);
            }
        }
        merged.add(new long[] {a, b});
        merged.sort((x, y) -> Long.compare(x[0], y[0]));
        ranges.clear();
        ranges.addAll(merged);
        return added;
    }

    /** Sequences in gaps within (after, upTo]. */
    long count(long after, long upTo) {
        long n = 0;
        for (long[] r : ranges) {
            long lo = Math.max(r[0], after + 1);
            long hi = Math.min(r[1], upTo);
            if (hi >= lo) {
                n += hi - lo + 1;
            }
        }
        return n;
    }

    boolean contains(long sequence) {
        for (long[] r : ranges) {
            if (sequence >= r[0] && sequence <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /** The end of the gap that contains {@code sequence}, or {@code sequence - 1} if none does. */
    long endOfGapAt(long sequence) {
        for (long[] r : ranges) {
            if (sequence >= r[0] && sequence <= r[1]) {
                return r[1];
            }
        }
        return sequence - 1;
    }

    void pruneUpTo(long cursor) {
        ranges.removeIf(r -> r[1] <= cursor);
    }

    int size() {
        return ranges.size();
    }
}
