package org.watchpost.agent.schedule;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.agent.time.TimeSource;

/**
 * The scheduler's decisions, without threads of its own: which probe is due, which may start now, which must wait
 * or be skipped. {@link Scheduler} drives it from one thread; a test drives it with a fake clock and a dispatcher
 * that holds probes "running" until the test completes them.
 *
 * <p>All state is guarded by one lock. Listener calls and hand-offs to the dispatcher happen outside it, so a
 * dispatcher that runs the probe inline (or a listener that is slow) cannot deadlock or corrupt the bookkeeping.
 */
final class Timetable {
    // Logged under the public class name, the one operators know and configure.
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /** {@link #runDue()} returns this when only a finishing probe or new targets can make anything startable. */
    static final long NOTHING_DUE = Long.MAX_VALUE;

    private final TimeSource time;
    private final Executor dispatcher;
    private final int maxConcurrency;
    private final ScheduleListener listener;
    private final Runnable wake;

    private final ReentrantLock lock = new ReentrantLock();
    /** By name; holds active targets and removed ones whose probe is still running (so a re-add cannot stack). */
    private final Map<String, Entry> entries = new HashMap<>();
    /** Active targets ordered by their next slot. */
    private final TreeSet<Entry> byDue = new TreeSet<>(Comparator
            .comparingLong((Entry e) -> e.nextDue)
            .thenComparingLong(e -> e.id));
    /** The ready queue: due probes waiting for a slot, oldest due first; at most one per target. */
    private final TreeSet<Entry> pending = new TreeSet<>(Comparator
            .comparingLong((Entry e) -> e.queuedDue)
            .thenComparingLong(e -> e.queuedSeq));
    private final Map<String, Host> hosts = new HashMap<>();
    private long nextId;
    private long nextQueueSeq;
    private int running;
    private boolean stopped;

    private final AtomicLong probeFailures = new AtomicLong();
    private final AtomicLong listenerFailures = new AtomicLong();

    /**
     * @param dispatcher     runs each started probe; it must not queue beyond {@code maxConcurrency} tasks, since
     *                       this class already limits how many it hands over
     * @param maxConcurrency probes running at once, across all hosts
     * @param wake           called (from any thread, without the lock held) when a finishing probe or new targets
     *                       may have made something startable before the time {@link #runDue()} last returned
     */
    Timetable(TimeSource time, Executor dispatcher, int maxConcurrency, ScheduleListener listener, Runnable wake) {
        this.time = Objects.requireNonNull(time, "time");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.wake = Objects.requireNonNull(wake, "wake");
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
        }
        this.maxConcurrency = maxConcurrency;
    }

    /**
     * Where in its interval a target's first probe falls: a stable hash of the name, so restarts and reloads keep
     * each target in the same place and a fleet of targets with one interval spreads over it instead of bursting.
     */
    static long jitterNanos(String name, long intervalNanos) {
        // FNV-1a walks the bytes, then the murmur3 finaliser mixes them: similar names ("page-1", "page-2") would
        // otherwise land nanoseconds apart, which is what String.hashCode does.
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return Math.floorMod(h, intervalNanos);
    }

    /**
     * Replaces the target list. Targets with an unchanged name and interval keep their next due time; new targets
     * (and those whose interval changed) get their jittered first run from now; removed ones are no longer
     * scheduled, but a probe of theirs that is running finishes normally.
     *
     * @throws IllegalArgumentException if two targets share a name
     */
    void setTargets(List<ScheduledTarget> targets) {
        Objects.requireNonNull(targets, "targets");
        Map<String, ScheduledTarget> wanted = new HashMap<>();
        for (ScheduledTarget t : targets) {
            if (wanted.put(t.name(), t) != null) {
                throw new IllegalArgumentException("target name \"" + t.name() + "\" is used by more than one target");
            }
        }
        lock.lock();
        try {
            long now = time.nanoTime();
            for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (e.active && !wanted.containsKey(e.target.name())) {
                    byDue.remove(e);
                    pending.remove(e);
                    e.queued = false;
                    e.active = false;
                    if (!e.running) {
                        it.remove();
                    }
                }
            }
            for (ScheduledTarget t : targets) {
                Entry e = entries.get(t.name());
                if (e == null) {
                    e = new Entry(nextId++, t);
                    entries.put(t.name(), e);
                    e.nextDue = now + jitterNanos(t.name(), t.interval().toNanos());
                    e.active = true;
                    byDue.add(e);
                } else if (!e.active || !e.target.interval().equals(t.interval())) {
                    byDue.remove(e);
                    e.nextDue = now + jitterNanos(t.name(), t.interval().toNanos());
                    e.active = true;
                    e.target = t;
                    byDue.add(e);
                } else {
                    e.target = t;
                }
            }
            recomputeHosts();
        } finally {
            lock.unlock();
        }
        wake.run();
    }

    /** Host limits follow the current targets; when they disagree the most cautious wins. */
    private void recomputeHosts() {
        for (Host h : hosts.values()) {
            h.targets = 0;
            h.concurrency = Integer.MAX_VALUE;
            h.spacingNanos = 0;
        }
        for (Entry e : entries.values()) {
            if (!e.active) {
                continue;
            }
            Host h = hosts.computeIfAbsent(e.target.hostKey(), k -> new Host());
            h.targets++;
            h.concurrency = Math.min(h.concurrency, e.target.perHostConcurrency());
            h.spacingNanos = Math.max(h.spacingNanos, e.target.perHostMinSpacing().toNanos());
            e.host = h;
        }
        // A host with a probe in flight stays, so that probe's finish is counted against the right object.
        hosts.values().removeIf(h -> h.targets == 0 && h.running == 0);
    }

    /**
     * Queues every probe that is due at {@code time.nanoTime()}, starts those the limits allow (handing them to the
     * dispatcher) and reports skips.
     *
     * @return nanoseconds until the next moment something may become startable without a probe finishing or the
     *         targets changing, or {@link #NOTHING_DUE}
     */
    long runDue() {
        List<Run> toStart = new ArrayList<>();
        List<Skip> skips = new ArrayList<>();
        long delay = NOTHING_DUE;
        lock.lock();
        try {
            if (stopped) {
                return NOTHING_DUE;
            }
            long now = time.nanoTime();
            while (!byDue.isEmpty() && byDue.first().nextDue - now <= 0) {
                Entry e = byDue.pollFirst();
                if (e.running) {
                    skips.add(new Skip(e.target.name(), SkipReason.STILL_RUNNING));
                } else if (e.queued) {
                    skips.add(new Skip(e.target.name(), SkipReason.STILL_QUEUED));
                } else {
                    e.queued = true;
                    e.queuedDue = e.nextDue;
                    e.queuedSeq = nextQueueSeq++;
                    pending.add(e);
                }
                e.nextDue = nextSlot(e.nextDue, e.target.interval().toNanos(), now);
                byDue.add(e);
            }

            // Scan in due order but step past hosts that cannot start now, so one busy host never holds up others.
            Set<Host> blocked = new HashSet<>();
            for (Iterator<Entry> it = pending.iterator(); it.hasNext() && running < maxConcurrency; ) {
                Entry e = it.next();
                Host h = e.host;
                if (blocked.contains(h)) {
                    continue;
                }
                if (h.running >= h.concurrency) {
                    blocked.add(h);
                    continue;
                }
                if (h.hasStarted) {
                    long spacingLeft = h.lastStart + h.spacingNanos - now;
                    if (spacingLeft > 0) {
                        blocked.add(h);
                        delay = Math.min(delay, spacingLeft);
                        continue;
                    }
                }
                it.remove();
                e.queued = false;
                e.running = true;
                h.running++;
                h.hasStarted = true;
                h.lastStart = now;
                running++;
                toStart.add(new Run(e, h, e.target, now, now - e.queuedDue));
            }
            if (!byDue.isEmpty()) {
                delay = Math.min(delay, byDue.first().nextDue - now);
            }
        } finally {
            lock.unlock();
        }

        for (Skip s : skips) {
            notifyListener(() -> listener.skipped(s.target, s.reason));
        }
        for (Run r : toStart) {
            notifyListener(() -> listener.started(r.target.name(), r.lagNanos));
            try {
                dispatcher.execute(r);
            } catch (RuntimeException ex) {
                abandon(r, ex);
            }
        }
        return delay;
    }

    /**
     * The slot after {@code due}; if the scheduler fell behind by more than an interval, the next slot in the future
     * on the same phase, so a stall costs the missed runs instead of firing them all at once.
     */
    static long nextSlot(long due, long interval, long now) {
        long next = due + interval;
        if (next - now <= 0) {
            next += ((now - next) / interval + 1) * interval;
        }
        return next;
    }

    private void finished(Run r) {
        long runNanos;
        boolean wakeUp;
        lock.lock();
        try {
            runNanos = time.nanoTime() - r.startNanos;
            release(r);
            wakeUp = !pending.isEmpty();
        } finally {
            lock.unlock();
        }
        notifyListener(() -> listener.finished(r.target.name(), runNanos));
        if (wakeUp) {
            wake.run();
        }
    }

    /** The dispatcher refused the probe (it is shutting down): undo the start so the counts stay true. */
    private void abandon(Run r, RuntimeException ex) {
        boolean wasStopped;
        lock.lock();
        try {
            release(r);
            wasStopped = stopped;
        } finally {
            lock.unlock();
        }
        if (!wasStopped) {
            LOG.warn("Could not hand the probe of target {} to a worker; it will be tried at its next interval",
                    r.target.name(), ex);
        }
    }

    private void release(Run r) {
        running--;
        r.host.running--;
        r.entry.running = false;
        if (!r.entry.active && entries.get(r.target.name()) == r.entry) {
            entries.remove(r.target.name());
        }
        if (r.host.targets == 0 && r.host.running == 0) {
            hosts.values().remove(r.host);
        }
    }

    /** Starts nothing from now on; probes already running finish normally. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            for (Entry e : pending) {
                e.queued = false;
            }
            pending.clear();
        } finally {
            lock.unlock();
        }
    }

    int running() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    int queued() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** The next slot of an active target, on {@link TimeSource#nanoTime()}'s scale; empty for an unknown name. */
    OptionalLong nextDueNanos(String name) {
        lock.lock();
        try {
            Entry e = entries.get(name);
            return e == null || !e.active ? OptionalLong.empty() : OptionalLong.of(e.nextDue);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Postpones every target on the host of {@code name} to {@code notBeforeNanos} at the earliest: what a server that
     * answered "429 Too Many Requests, Retry-After: …" asked for. A rate limit is the host's, so the other targets
     * of the host wait too; a probe already queued or running is not touched. Returns how many targets moved.
     */
    int postponeHost(String name, long notBeforeNanos) {
        int moved = 0;
        lock.lock();
        try {
            Entry hit = entries.get(name);
            if (hit == null || !hit.active || stopped) {
                return 0;
            }
            String hostKey = hit.target.hostKey();
            for (Entry e : entries.values()) {
                if (e.active && e.target.hostKey().equals(hostKey) && e.nextDue - notBeforeNanos < 0) {
                    byDue.remove(e);
                    e.nextDue = notBeforeNanos;
                    byDue.add(e);
                    moved++;
                }
            }
        } finally {
            lock.unlock();
        }
        return moved;
    }

    /** Probes that threw instead of returning normally: each one is a bug in a prober. */
    long probeFailures() {
        return probeFailures.get();
    }

    /** Listener calls that threw; only the first is logged. */
    long listenerFailures() {
        return listenerFailures.get();
    }

    private void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException ex) {
            // The contract says listeners never throw; if one does, the scheduler must keep its books straight and
            // a broken metrics sink must not flood the log once per probe.
            if (listenerFailures.getAndIncrement() == 0) {
                LOG.warn("A schedule listener threw; further listener failures are counted but not logged", ex);
            }
        }
    }

    /** One probe handed to the dispatcher; finishing it (normally or not) frees its slots. */
    final class Run implements Runnable {
        private final Entry entry;
        private final Host host;
        private final ScheduledTarget target;
        private final long startNanos;
        private final long lagNanos;

        private Run(Entry entry, Host host, ScheduledTarget target, long startNanos, long lagNanos) {
            this.entry = entry;
            this.host = host;
            this.target = target;
            this.startNanos = startNanos;
            this.lagNanos = lagNanos;
        }

        String targetName() {
            return target.name();
        }

        @Override
        public void run() {
            try {
                target.probe().run();
            } catch (RuntimeException | Error ex) {
                if (isStopped()) {
                    // Interrupted by shutdown: expected, not a prober bug worth a warning.
                    LOG.debug("Probe of target {} ended by shutdown", target.name(), ex);
                } else {
                    probeFailures.incrementAndGet();
                    LOG.warn("Probe of target {} threw instead of returning a result; scheduling continues",
                            target.name(), ex);
                }
                if (ex instanceof VirtualMachineError) {
                    throw ex;
                }
            } finally {
                finished(this);
            }
        }

        @Override
        public String toString() {
            return "probe of " + target.name();
        }
    }

    private boolean isStopped() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    private static final class Entry {
        final long id;
        ScheduledTarget target;
        Host host;
        boolean active;
        long nextDue;
        boolean running;
        boolean queued;
        long queuedDue;
        long queuedSeq;

        Entry(long id, ScheduledTarget target) {
            this.id = id;
            this.target = target;
        }
    }

    /** Per-host politeness state, shared by every target with the same host key. */
    private static final class Host {
        int targets;
        int concurrency = Integer.MAX_VALUE;
        long spacingNanos;
        int running;
        boolean hasStarted;
        long lastStart;
    }

    private record Skip(String target, SkipReason reason) {
    }
}
