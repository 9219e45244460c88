package org.watchpost.agent.forward;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.agent.config.CollectorSettings;
import org.watchpost.agent.journal.DropReason;
import org.watchpost.agent.journal.Gap;
import org.watchpost.agent.journal.JournalReader;
import org.watchpost.agent.journal.JournalRecord;
import org.watchpost.agent.time.TimeSource;
import org.watchpost.protocol.AgentHealth;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.DroppedRange;
import org.watchpost.protocol.Report;
import org.watchpost.protocol.ReportRecord;
import org.watchpost.protocol.StateChange;
import org.watchpost.protocol.WireJson;

/**
 * Pushes the journal to the collector, on one thread of its own: reads from the persisted cursor, batches by count,
 * bytes and time, posts gzip JSON {@link Report}s, and moves the cursor only as far as a 2xx acknowledgement's
 * {@code stored_through} (never past what it sent). The probe path only appends to the journal, so nothing here can
 * slow a probe down: a collector that is down, slow or refusing costs journal space, never probing.
 *
 * <ul>
 *   <li>429, and 5xx with {@code Retry-After}: waits as asked (seconds or an HTTP date, at most 5 minutes);</li>
 *   <li>other failures: exponential backoff with full jitter, at most {@code collector.max_backoff};</li>
 *   <li>other 4xx (a wrong token, URL or agent id): logs the collector's message once, waits {@code max_backoff}
 *       between tries until a reload fixes it;</li>
 *   <li>413: sends half as many records per report from then on; a single record too large for the collector is
 *       declared dropped ({@code too_large}) instead of blocking everything behind it;</li>
 *   <li>sequence ranges the journal dropped are declared in the next report with their reason.</li>
 * </ul>
 *
 * <p>Memory is bounded by one batch ({@code batch_max_records}, {@code batch_max_bytes}), whatever the backlog.
 *
 * <pre>{@code
 * Forwarder f = new Forwarder(settings, journal.reader(), "eu-1", health, () -> journal.stats().stored(),
 *         TimeSource.system(), ThreadLocalRandom.current()::nextDouble);
 * f.start();
 * f.close(Duration.ofSeconds(5));   // one last try, then stop
 * }</pre>
 */
public final class Forwarder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

    /** Why a report did not get through; the {@code kind} label of {@code watchpost_forward_errors_total}. */
    public enum ErrorKind {
        /** The collector's host name did not resolve. */
        DNS,
        /** No TCP connection could be made. */
        CONNECT,
        /** No answer within {@code collector.timeout}. */
        TIMEOUT,
        /** The TLS handshake failed: an untrusted or mismatched certificate (see {@code collector.ca_file}). */
        TLS,
        /** Another network error: the connection broke mid-request. */
        IO,
        /** A 4xx other than 413 and 429 (or a redirect): the token, the URL or the agent id is wrong. */
        HTTP_4XX,
        /** 413: the report was too large for the collector; it is split. */
        TOO_LARGE,
        /** 429: the collector asked the agent to slow down. */
        THROTTLED,
        /** A 5xx: the collector's own trouble. */
        HTTP_5XX,
        /** A 2xx that acknowledged nothing of the report, or whose answer was not an acknowledgement. */
        REJECTED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The forwarder at one instant, for metrics and the API.
     *
     * @param url             where it posts
     * @param lagRecords      journal records not yet acknowledged
     * @param sent            records the collector acknowledged in this run
     * @param declaredDropped sequences declared dropped to the collector and acknowledged, in this run
     * @param batches         reports posted, whatever came of them
     * @param errors          failed reports, by kind
     * @param lastSuccess     when a report was last acknowledged, null before the first
     * @param backoffSeconds  the wait before the next try after a failure, 0 while reports get through
     * @param batchLimit      records per report now (lower than {@code batch_max_records} after a 413)
     * @param lastError       what went wrong last, null before the first failure; never holds the token
     * @param lastErrorAt     when
     */
    public record Stats(String url, long lagRecords, long sent, long declaredDropped, long batches,
                        Map<ErrorKind, Long> errors, Instant lastSuccess, double backoffSeconds, int batchLimit,
                        String lastError, Instant lastErrorAt) {
        public Stats {
            errors = Map.copyOf(errors);
        }
    }

    private final JournalReader reader;
    private final String agentId;
    private final Supplier<AgentHealth> health;
    private final LongSupplier lag;
    private final TimeSource time;
    private final ObjectMapper json = WireJson.newMapper();
    private final Backoff backoff;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();

    private volatile CollectorSettings nextSettings;
    private volatile boolean stopping;
    private volatile long stopDeadline;

    /** Replaced by the forwarder thread on a reload; read by stats() and close() from other threads. */
    private volatile CollectorClient client;

    // Forwarder thread only (or the test that drives cycle()).
    /** Read and not yet acknowledged: at most one batch. */
    private final List<Item> pending = new ArrayList<>();
    private final List<Gap> pendingGaps = new ArrayList<>();
    private long pendingBytes;
    private long pendingSince = -1;
    /** The batch was tried already: what is left of it goes without waiting for more records. */
    private boolean due;

    /** A record of the batch, with the payload bytes it counts against {@code batch_max_bytes}. */
    private record Item(ReportRecord wire, int bytes) {
        long seq() {
            return wire.seq();
        }
    }
    private String lastLoggedProblem;
    private int failuresInRow;

    // Read by scrapes.
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong declared = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final Map<ErrorKind, AtomicLong> errors = new EnumMap<>(ErrorKind.class);
    private volatile Instant lastSuccess;
    private volatile long backoffNanos;
    private volatile int batchLimit;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    /**
     * @param settings the collector section, with its token read
     * @param reader   the journal's reader; the forwarder owns it from now on
     * @param agentId  {@code agent.id}
     * @param health   the agent's health at the time of each report
     * @param lag      journal records not yet acknowledged
     * @param random   uniform in [0, 1), for the backoff's jitter
     */
    public Forwarder(CollectorSettings settings, JournalReader reader, String agentId, Supplier<AgentHealth> health,
                     LongSupplier lag, TimeSource time, DoubleSupplier random) {
        this.client = new CollectorClient(settings);
        this.reader = Objects.requireNonNull(reader, "reader");
        this.agentId = Objects.requireNonNull(agentId, "agentId");
        this.health = Objects.requireNonNull(health, "health");
        this.lag = Objects.requireNonNull(lag, "lag");
        this.time = Objects.requireNonNull(time, "time");
        this.backoff = new Backoff(settings.maxBackoff(), random);
        this.batchLimit = settings.batchMaxRecords();
        for (ErrorKind k : ErrorKind.values()) {
            errors.put(k, new AtomicLong());
        }
        this.thread = new Thread(this::run, "watchpost-forwarder");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
        log.info("forwarding the journal to {} from sequence {}", client.settings().reportsUri(),
                reader.cursor() + 1);
    }

    /**
     * Applies a changed {@code collector:} section (a reload): the next report goes out with it. The cursor and the
     * batch being sent are kept, so nothing is lost or sent twice by the change.
     */
    public void reconfigure(CollectorSettings settings) {
        nextSettings = Objects.requireNonNull(settings, "settings");
        signal();
    }

    public CollectorSettings settings() {
        CollectorSettings next = nextSettings;
        return next != null ? next : client.settings();
    }

    public Stats stats() {
        Map<ErrorKind, Long> e = new EnumMap<>(ErrorKind.class);
        errors.forEach((k, v) -> e.put(k, v.get()));
        return new Stats(settings().reportsUri().toString(), lag.getAsLong(), sent.get(), declared.get(),
                batches.get(), e, lastSuccess, backoffNanos / 1e9, batchLimit, lastError, lastErrorAt);
    }

    /** Stops: what is ready is tried once more within {@code deadline}, then the thread ends. */
    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    public void close(Duration deadline) {
        stopDeadline = time.nanoTime() + deadline.toNanos();
        stopping = true;
        signal();
        if (thread.isAlive()) {
            try {
                thread.join(deadline.toMillis() + 1000);
                if (thread.isAlive()) {
                    client.cancel(); // a call that outlives the deadline is given up
                    thread.join(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            client.close();
            reader.close();
        }
    }

    // --------------------------------------------------------------------------------------------- the thread

    private void run() {
        while (!stopping) {
            long wait;
            try {
                wait = cycle();
            } catch (RuntimeException e) {
                // Our bug, not the collector's: logged once with context, then retried like a failure.
                log.error("forwarder failed; retrying", e);
                wait = backoff.next().toNanos();
            }
            pause(wait);
        }
        try {
            lastTry();
        } catch (RuntimeException e) {
            log.warn("the last report before stopping failed: {}", e.toString());
        }
        client.close();
        reader.close();
    }

    private void lastTry() {
        long left = stopDeadline - time.nanoTime();
        if (left <= 0) {
            return;
        }
        applySettings();
        fill();
        if (!pending.isEmpty() || !pendingGaps.isEmpty()) {
            send(Duration.ofNanos(left));
        }
    }

    private void pause(long nanos) {
        if (nanos <= 0) {
            return;
        }
        lock.lock();
        try {
            if (!stopping && nextSettings == null) {
                wake.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            stopping = true;
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * One turn: takes new settings, reads what the batch has room for, and sends when the batch is full or its oldest
     * record has waited {@code batch_max_wait}. Returns how long to wait before the next turn, in nanoseconds.
     * Package-private so tests drive it step by step on a fake clock.
     */
    long cycle() {
        applySettings();
        CollectorSettings s = client.settings();
        fill();
        if (pending.isEmpty() && pendingGaps.isEmpty()) {
            pendingSince = -1;
            return s.batchMaxWait().toNanos();
        }
        long now = time.nanoTime();
        if (pendingSince < 0) {
            pendingSince = now;
        }
        boolean full = pending.size() >= limit(s) || pendingBytes >= s.batchMaxBytes();
        long waited = now - pendingSince;
        if (!full && !due && waited < s.batchMaxWait().toNanos()) {
            return s.batchMaxWait().toNanos() - waited;
        }
        return send(s.timeout());
    }

    private int limit(CollectorSettings s) {
        return Math.min(batchLimit, s.batchMaxRecords());
    }

    private void applySettings() {
        CollectorSettings next = nextSettings;
        if (next == null) {
            return;
        }
        nextSettings = null;
        if (!next.equals(client.settings())) {
            CollectorClient old = client;
            client = new CollectorClient(next);
            old.close();
            backoff.setMax(next.maxBackoff());
            batchLimit = next.batchMaxRecords();
            lastLoggedProblem = null;
            log.info("forwarding now to {}", next.reportsUri());
        }
    }

    /** Reads from the journal what the batch has room for; memory stays within one batch. */
    private void fill() {
        CollectorSettings s = client.settings();
        int room = s.batchMaxRecords() - pending.size();
        long bytesRoom = s.batchMaxBytes() - pendingBytes;
        if (room <= 0 || bytesRoom <= 0) {
            return;
        }
        JournalReader.Batch batch;
        try {
            batch = reader.read(room, bytesRoom);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal: " + e.getMessage(), e);
        }
        List<Gap> gaps = new ArrayList<>(batch.skipped());
        for (JournalRecord r : batch.records()) {
            ReportRecord wire = decode(r);
            if (wire == null) {
                gaps.add(new Gap(r.sequence(), r.sequence(), DropReason.CORRUPT));
                continue;
            }
            pending.add(new Item(wire, r.payload().length));
            pendingBytes += r.payload().length;
        }
        gaps.sort((a, b) -> Long.compare(a.from(), b.from()));
        pendingGaps.addAll(gaps);
    }

    private ReportRecord decode(JournalRecord r) {
        Instant at = Instant.ofEpochMilli(r.timestampMillis());
        try {
            return switch (r.type()) {
                case CHECK_RESULT -> ReportRecord.of(r.sequence(), at, json.readValue(r.payload(), CheckResult.class));
                case STATE_CHANGE -> ReportRecord.of(r.sequence(), at, json.readValue(r.payload(), StateChange.class));
            };
        } catch (IOException | RuntimeException e) {
            // Passed its checksum, so it was written so: a bug or a record from an incompatible build. It can never
            // be delivered; it is declared dropped rather than blocking everything behind it.
            log.warn("journal record {} cannot be decoded and is declared dropped (corrupt): {}", r.sequence(),
                    CollectorClient.shorten(e.getMessage()));
            return null;
        }
    }

    /** Posts the first records of the batch (all of them unless a 413 lowered the limit); returns the next wait. */
    private long send(Duration deadline) {
        CollectorSettings s = client.settings();
        int n = Math.min(pending.size(), limit(s));
        long upTo = n < pending.size() ? pending.get(n).seq() - 1 : Long.MAX_VALUE;
        List<DroppedRange> dropped = new ArrayList<>();
        for (Gap g : pendingGaps) {
            if (g.from() <= upTo) {
                dropped.add(new DroppedRange(g.from(), Math.min(g.to(), upTo), g.label()));
            }
        }
        Report report = new Report(Report.SCHEMA, agentId, time.now(),
                pending.subList(0, n).stream().map(Item::wire).toList(), dropped, health.get());
        long sentThrough = report.lastSequence();
        byte[] body = gzip(report);
        batches.incrementAndGet();
        due = true;
        CollectorClient.Outcome outcome = client.post(body, deadline, time.now());
        if (outcome instanceof CollectorClient.Stored st) {
            return stored(st, report, sentThrough);
        }
        if (outcome instanceof CollectorClient.Refused r) {
            return refused(r, n, s);
        }
        CollectorClient.Failed f = (CollectorClient.Failed) outcome;
        return failed(f.kind(), f.message(), null);
    }

    private long stored(CollectorClient.Stored st, Report report, long sentThrough) {
        long through = Math.min(st.ack().storedThrough(), sentThrough);
        if (through <= reader.cursor()) {
            return failed(ErrorKind.REJECTED, "the collector answered " + "2xx but stored nothing of sequences "
                    + firstSequence(report) + ".." + sentThrough + " (stored_through " + st.ack().storedThrough()
                    + ")", null);
        }
        reader.acknowledge(through);
        long records = 0;
        while (!pending.isEmpty() && pending.get(0).seq() <= through) {
            pendingBytes -= pending.remove(0).bytes();
            records++;
        }
        long gapSeqs = 0;
        List<Gap> left = new ArrayList<>();
        for (Gap g : pendingGaps) {
            if (g.to() <= through) {
                gapSeqs += g.to() - g.from() + 1;
            } else if (g.from() <= through) {
                gapSeqs += through - g.from() + 1;
                left.add(new Gap(through + 1, g.to(), g.reason()));
            } else {
                left.add(g);
            }
        }
        pendingGaps.clear();
        pendingGaps.addAll(left);
        if (pending.isEmpty()) {
            pendingBytes = 0;
        }
        sent.addAndGet(records);
        declared.addAndGet(gapSeqs);
        lastSuccess = time.now();
        backoff.reset();
        backoffNanos = 0;
        if (failuresInRow > 0) {
            log.info("reports reach the collector again after {} failed tries", failuresInRow);
        }
        failuresInRow = 0;
        lastLoggedProblem = null;
        if (pending.isEmpty() && pendingGaps.isEmpty()) {
            pendingSince = -1;
            due = false;
        }
        return 0; // what is left of the batch has waited already: send it now
    }

    private long refused(CollectorClient.Refused r, int sentRecords, CollectorSettings s) {
        int status = r.status();
        if (status >= 200 && status < 300) {
            return failed(ErrorKind.REJECTED, "HTTP " + status + ": " + r.message(), null);
        }
        if (status == 413) {
            if (sentRecords > 1) {
                batchLimit = Math.max(1, sentRecords / 2);
                count(ErrorKind.TOO_LARGE, "HTTP 413 for " + sentRecords + " records: " + r.message()
                        + "; sending at most " + batchLimit + " per report");
                log.warn("the collector refused a report of {} records as too large ({}); sending at most {} per "
                        + "report from now on", sentRecords, r.message(), batchLimit);
                return 0;
            }
            if (sentRecords == 1) {
                Item alone = pending.remove(0);
                pendingBytes -= alone.bytes();
                pendingGaps.add(new Gap(alone.seq(), alone.seq(), DropReason.TOO_LARGE));
                pendingGaps.sort((a, b) -> Long.compare(a.from(), b.from()));
                count(ErrorKind.TOO_LARGE, "HTTP 413 for record " + alone.seq() + " alone: " + r.message());
                log.warn("the collector refuses journal record {} even alone as too large ({}); it is declared "
                        + "dropped (too_large)", alone.seq(), r.message());
                return 0;
            }
        }
        if (status == 429) {
            return failed(ErrorKind.THROTTLED, "HTTP 429: " + r.message(), r.retryAfter());
        }
        if (status >= 500) {
            return failed(ErrorKind.HTTP_5XX, "HTTP " + status + ": " + r.message(), r.retryAfter());
        }
        // The config is wrong (token, URL, agent id): retrying fast cannot help, and would hammer the collector.
        String problem = "HTTP " + status + ": " + r.message() + (status < 400
                ? " (a redirect is not followed: collector.url must be the collector's own address)" : "");
        count(ErrorKind.HTTP_4XX, problem);
        if (!problem.equals(lastLoggedProblem)) {
            log.error("the collector at {} refused the report with {}; check collector.url, collector.token_file and "
                            + "agent.id; retrying every {}", s.reportsUri(), problem,
                    org.watchpost.config.Durations.format(s.maxBackoff()));
            lastLoggedProblem = problem;
        }
        failuresInRow++;
        backoffNanos = s.maxBackoff().toNanos();
        return backoffNanos;
    }

    private long failed(ErrorKind kind, String message, Duration retryAfter) {
        count(kind, message);
        failuresInRow++;
        Duration wait = retryAfter != null ? retryAfter : backoff.next();
        if (retryAfter != null) {
            backoff.next(); // keeps growing the streak for a collector that stops sending Retry-After
        }
        String problem = kind.label();
        if (!problem.equals(lastLoggedProblem)) {
            log.warn("a report to {} failed ({}): {}; retrying with backoff", client.settings().reportsUri(),
                    kind.label(), message);
            lastLoggedProblem = problem;
        } else {
            log.debug("a report failed again ({}): {}", kind.label(), message);
        }
        backoffNanos = wait.toNanos();
        return backoffNanos;
    }

    private void count(ErrorKind kind, String message) {
        errors.get(kind).incrementAndGet();
        lastError = kind.label() + ": " + message;
        lastErrorAt = time.now();
    }

    private static long firstSequence(Report r) {
        long first = r.records().isEmpty() ? Long.MAX_VALUE : r.records().get(0).seq();
        return r.dropped().isEmpty() ? first : Math.min(first, r.dropped().get(0).from());
    }

    private byte[] gzip(Report report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 << 10);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 16 << 10)) {
            json.writeValue(gz, report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a report", e);
        }
        return out.toByteArray();
    }

    /** For tests: waits for the thread to end. */
    boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        thread.join(unit.toMillis(timeout));
        return !thread.isAlive();
    }
}
