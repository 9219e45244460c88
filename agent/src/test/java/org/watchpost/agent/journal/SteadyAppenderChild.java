package org.watchpost.agent.journal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.watchpost.agent.config.JournalSettings;
import org.watchpost.agent.time.TimeSource;

/**
 * Child of {@link JournalProcessTest}, to be killed with SIGKILL: appends records at a steady rate (record N carries
 * "N" as its payload), acknowledges what it reads every half second, and reports both, until it is killed.
 *
 * <p>Arguments: DIR RECORDS_PER_SECOND FSYNC_MILLIS. Prints {@code APPENDED id=N dropped=N} every 100 ms and
 * {@code ACKED seq=N} after each acknowledgement.
 */
public final class SteadyAppenderChild {
    private SteadyAppenderChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long rate = Long.parseLong(args[1]);
        JournalSettings settings = new JournalSettings(64L << 20, 1L << 20, 0, Duration.ofDays(7),
                Duration.ofMillis(Long.parseLong(args[2])));
        Journal journal = Journal.open(dir, settings, TimeSource.system(), JournalFiles.system());
        JournalReader reader = journal.reader();
        long start = System.nanoTime();
        long nextReport = start;
        long nextAck = start + TimeUnit.MILLISECONDS.toNanos(500);
        for (long id = 1; ; id++) {
            long due = start + id * TimeUnit.SECONDS.toNanos(1) / rate;
            for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                LockSupport.parkNanos(due - now); // pacing a load generator, not waiting for a result
            }
            journal.append(JournalRecord.Type.CHECK_RESULT, payload(id));
            long now = System.nanoTime();
            if (now >= nextReport) {
                System.out.printf("APPENDED id=%d dropped=%d%n", id, journal.stats().droppedTotal());
                nextReport += TimeUnit.MILLISECONDS.toNanos(100);
            }
            if (now >= nextAck) {
                List<JournalRecord> batch = reader.next(100_000, 64L << 20);
                if (!batch.isEmpty()) {
                    long last = batch.get(batch.size() - 1).sequence();
                    reader.acknowledge(last);
                    System.out.printf("ACKED seq=%d%n", last);
                }
                nextAck += TimeUnit.MILLISECONDS.toNanos(500);
            }
        }
    }

    static byte[] payload(long id) {
        return (id + ":" + "x".repeat(90)).getBytes(StandardCharsets.UTF_8);
    }

    static long idOf(JournalRecord r) {
        String s = new String(r.payload(), StandardCharsets.UTF_8);
        return Long.parseLong(s.substring(0, s.indexOf(':')));
    }
}
