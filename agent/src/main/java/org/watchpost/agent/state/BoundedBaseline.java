package org.watchpost.agent.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.watchpost.agent.detect.Baseline;

/**
 * A target's baseline in memory: at most {@code capacity} fingerprints; when full, the least recently seen goes
 * (content that left the page long ago is the least likely to come back) and the eviction is counted.
 */
public final class BoundedBaseline implements Baseline {
    public static final int DEFAULT_CAPACITY = 64;

    private final int capacity;
    private final AtomicLong evicted = new AtomicLong();
    private final Map<Long, Boolean> entries;
    private static final int SHAPE_CONFIDENCE = 3;
    private int closedStreak;
    private long closedBytes;

    public BoundedBaseline(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                if (size() > BoundedBaseline.this.capacity) {
                    evicted.incrementAndGet();
                    return true;
                }
                return false;
            }
        };
    }

    @Override
    public synchronized boolean contains(long fingerprint) {
        return entries.get(fingerprint) != null;
    }

    @Override
    public synchronized void remember(long fingerprint) {
        entries.put(fingerprint, Boolean.TRUE);
    }

    /**
     * Learns the page's shape from a healthy probe: how big it is when it ends with {@code </html>}. Three healthy
     * closed pages in a row make the shape known; a healthy page of the usual size without the tag (a new template)
     * forgets it. Capped and non-HTML bodies teach nothing.
     */
    public synchronized void observedHealthyPage(boolean html, boolean closedHtml, boolean capped, long bytes) {
        if (!html || capped) {
            return;
        }
        if (closedHtml) {
            closedStreak = Math.min(closedStreak + 1, 1000);
            closedBytes = closedBytes == 0 ? bytes : (closedBytes * 7 + bytes) / 8;
        } else {
            closedStreak = 0;
            closedBytes = 0;
        }
    }

    @Override
    public synchronized long typicalClosedPageBytes() {
        return closedStreak >= SHAPE_CONFIDENCE ? closedBytes : 0;
    }

    /** For persistence. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(new java.util.ArrayList<>(entries.keySet()), closedStreak, closedBytes);
    }

    /** Restores persisted state; fingerprints beyond the capacity are dropped and counted. */
    public synchronized void restore(Snapshot s) {
        for (long f : s.fingerprints()) {
            remember(f);
        }
        closedStreak = s.closedStreak();
        closedBytes = s.closedBytes();
    }

    /** What is persisted of a baseline, in least-recently-seen-first order. */
    public record Snapshot(java.util.List<Long> fingerprints, int closedStreak, long closedBytes) {
        public Snapshot {
            fingerprints = java.util.List.copyOf(fingerprints);
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    public long evicted() {
        return evicted.get();
    }
}
