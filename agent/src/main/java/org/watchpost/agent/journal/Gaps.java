package org.watchpost.agent.journal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Sequence ranges that were written but will never be delivered, each with why: their segment was deleted (capacity,
 * age) or found damaged. Only ranges above the acknowledged cursor matter, so the list is pruned as the cursor advances
 * and stays about as small as the number of segments (adjacent ranges merge when their reason is the same). Not
 * thread-safe: guarded by the journal's lock.
 */
final class Gaps {
    /** Sorted, disjoint. */
    private final List<Gap> ranges = new ArrayList<>();

    /**
     * Adds [from, to] for {@code reason}; sequences already in a gap keep theirs. Returns how many of those sequences
     * were not already in a gap.
     */
    long add(long from, long to, DropReason reason) {
        if (from > to) {
            return 0;
        }
        List<Gap> added = new ArrayList<>();
        long next = from; // first sequence of [from, to] not yet known to be covered
        for (Gap r : ranges) {
            if (r.to() < next || r.from() > to) {
                continue;
            }
            if (r.from() > next) {
                added.add(new Gap(next, r.from() - 1, reason));
            }
            next = Math.max(next, r.to() + 1);
            if (next > to) {
                break;
            }
        }
        if (next <= to) {
            added.add(new Gap(next, to, reason));
        }
        long n = 0;
        for (Gap g : added) {
            n += g.to() - g.from() + 1;
        }
        ranges.addAll(added);
        ranges.sort(Comparator.comparingLong(Gap::from));
        coalesce();
        return n;
    }

    /** Sequences in gaps within (after, upTo]. */
    long count(long after, long upTo) {
        long n = 0;
        for (Gap r : ranges) {
            long lo = Math.max(r.from(), after + 1);
            long hi = Math.min(r.to(), upTo);
            if (hi >= lo) {
                n += hi - lo + 1;
            }
        }
        return n;
    }

    boolean contains(long sequence) {
        for (Gap r : ranges) {
            if (sequence >= r.from() && sequence <= r.to()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The gaps from {@code sequence} on that follow each other without a deliverable sequence between them, the first
     * starting at {@code sequence}; empty when {@code sequence} is not in a gap.
     */
    List<Gap> runAt(long sequence) {
        List<Gap> run = new ArrayList<>();
        long expected = sequence;
        for (Gap r : ranges) {
            if (r.to() < expected) {
                continue;
            }
            if (r.from() > expected) {
                break;
            }
            run.add(new Gap(expected, r.to(), r.reason()));
            expected = r.to() + 1;
        }
        return run;
    }

    void pruneUpTo(long cursor) {
        ranges.removeIf(r -> r.to() <= cursor);
    }

    int size() {
        return ranges.size();
    }

    private void coalesce() {
        for (int i = ranges.size() - 1; i > 0; i--) {
            Gap a = ranges.get(i - 1);
            Gap b = ranges.get(i);
            if (a.to() + 1 == b.from() && Objects.equals(a.reason(), b.reason())) {
                ranges.set(i - 1, new Gap(a.from(), b.to(), a.reason()));
                ranges.remove(i);
            }
        }
    }
}
