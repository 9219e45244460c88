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
    public static final int DEFAULT_CAPACITY = 256;

    private final int capacity;
    private final AtomicLong evicted = new AtomicLong();
    private final Map<Long, Boolean> entries;

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

    public synchronized int size() {
        return entries.size();
    }

    public long evicted() {
        return evicted.get();
    }
}
