package org.watchpost.agent.journal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.watchpost.agent.config.JournalSettings;
import org.watchpost.agent.time.TimeSource;

/**
 * Child of {@link JournalProcessTest}: floods a journal whose collector never acknowledges with {@code factor} times
 * {@code max_bytes} of records, and reports its heap after GC and its RSS twenty times on the way. It appends as fast
 * as the writer takes records (faster only fills the buffer, and what does not fit is dropped before it costs
 * anything), so the flood goes through the disk and the journal trims its oldest segment over and over.
 *
 * <p>Arguments: DIR MAX_BYTES SEGMENT_BYTES PAYLOAD_BYTES FACTOR. Prints {@code SAMPLE produced=B written=B heap=B
 * rss=B}, then {@code END produced=N appended=N acknowledged=N stored=N dropped=N capacity=N buffer_full=N bytes=B
 * head=N}.
 */
public final class FloodChild {
    private static final int SAMPLES = 20;

    private FloodChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long maxBytes = Long.parseLong(args[1]);
        long segmentBytes = Long.parseLong(args[2]);
        int payloadBytes = Integer.parseInt(args[3]);
        long factor = Long.parseLong(args[4]);
        JournalSettings settings = new JournalSettings(maxBytes, segmentBytes, 0, Duration.ofDays(7),
                Duration.ofSeconds(1));
        long target = factor * maxBytes;
        long step = target / SAMPLES;
        long recordBytes = RecordCodec.size(payloadBytes);
        try (Journal journal = Journal.open(dir, settings, TimeSource.system(), JournalFiles.system())) {
            long halfBuffer = journal.bufferCapacity() / 2;
            long produced = 0;
            long nextSample = 0;
            while (produced * recordBytes < target) {
                byte[] payload = new byte[payloadBytes]; // a fresh result each time, as the probe path makes
                payload[(int) (produced % payloadBytes)] = (byte) produced;
                journal.append(JournalRecord.Type.CHECK_RESULT, payload);
                produced++;
                Journal.Stats s = journal.stats();
                while (s.buffered() * recordBytes > halfBuffer) {
                    LockSupport.parkNanos(50_000); // keep pace with the writer
                    s = journal.stats();
                }
                if (produced * recordBytes >= nextSample) {
                    System.out.printf("SAMPLE produced=%d written=%d heap=%d rss=%d%n", produced * recordBytes,
                            s.head() * recordBytes, ProcessFigures.heapAfterGc(), ProcessFigures.rssBytes());
                    nextSample += step;
                }
            }
            journal.flush(10, java.util.concurrent.TimeUnit.SECONDS);
            Journal.Stats s = journal.stats();
            System.out.printf("END produced=%d appended=%d acknowledged=%d stored=%d dropped=%d capacity=%d "
                    + "buffer_full=%d bytes=%d head=%d%n", s.produced(), produced, s.acknowledged(), s.stored(),
                    s.droppedTotal(), s.dropped().get(DropReason.CAPACITY), s.dropped().get(DropReason.BUFFER_FULL),
                    s.bytes(), s.head());
        }
    }
}
