package org.watchpost.agent.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.config.JournalSettings;
import org.watchpost.agent.journal.Journal;
import org.watchpost.agent.journal.JournalFiles;
import org.watchpost.agent.journal.JournalRecord;
import org.watchpost.agent.time.TimeSource;
import org.watchpost.protocol.Report;
import org.watchpost.protocol.ReportRecord;

/**
 * A backlog of 100,000 records drains to the collector exactly once, in reports of at most batch_max_records, from a
 * JVM whose heap (24MiB) is far smaller than the backlog (about 40MiB of JSON): the forwarder holds one batch, never
 * the backlog.
 */
class ForwarderDrainTest {
    private static final int RECORDS = 100_000;

    @TempDir
    Path dir;

    @Test
    void aHundredThousandRecordsDrainOnceInBoundedMemory() throws Exception {
        Path journalDir = dir.resolve("journal");
        Journal j = Journal.open(journalDir, JournalSettings.DEFAULTS, TimeSource.system(), JournalFiles.system());
        String padding = "x".repeat(300);
        for (int i = 1; i <= RECORDS; i++) {
            j.append(JournalRecord.Type.STATE_CHANGE, ("{\"target\":\"t" + (i % 50) + "\",\"from\":\"up\","
                    + "\"to\":\"down\",\"evidence\":\"" + i + padding + "\"}").getBytes(StandardCharsets.UTF_8));
            if (i % 5_000 == 0) {
                assertThat(j.flush(30, TimeUnit.SECONDS)).isTrue(); // the buffer in front of the disk is bounded
            }
        }
        assertThat(j.flush(30, TimeUnit.SECONDS)).isTrue();
        assertThat(j.stats().stored()).isEqualTo(RECORDS);
        assertThat(j.stats().bytes()).isGreaterThan(32L << 20);
        j.close();

        BitSet seen = new BitSet(RECORDS + 1);
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger largest = new AtomicInteger();
        try (Collector collector = new Collector()) {
            collector.server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    Report r;
                    try (GZIPInputStream in = new GZIPInputStream(
                            new ByteArrayInputStream(request.getBody().toByteArray()))) {
                        r = Collector.JSON.readValue(in, Report.class);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    synchronized (seen) {
                        for (ReportRecord rec : r.records()) {
                            if (seen.get((int) rec.seq())) {
                                duplicates.incrementAndGet();
                            }
                            seen.set((int) rec.seq());
                        }
                    }
                    largest.accumulateAndGet(r.records().size(), Math::max);
                    return Collector.ack(r.lastSequence());
                }
            });

            String line = child(journalDir, collector.url().toString());
            System.out.println("ForwarderDrainTest: " + line);

            assertThat(line).startsWith("drained cursor=" + RECORDS + " stored=0 ");
        }
        assertThat(seen.cardinality()).isEqualTo(RECORDS);
        assertThat(seen.nextSetBit(0)).isEqualTo(1);
        assertThat(duplicates.get()).isZero();
        assertThat(largest.get()).isLessThanOrEqualTo(500);
    }

    /** Runs {@link DrainChild} with a 24MiB heap; returns its last stdout line. */
    private String child(Path journalDir, String url) throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        Process p = new ProcessBuilder(List.of(java, "-Xmx24m", "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), DrainChild.class.getName(), journalDir.toString(), url))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the child finished").isTrue();
        } finally {
            p.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(out);
        assertThat(p.exitValue()).as("child exit; stderr:\n%s", tail(err)).isZero();
        assertThat(lines).as("child stdout; stderr:\n%s", tail(err)).isNotEmpty();
        return lines.get(lines.size() - 1);
    }

    private static String tail(Path p) throws IOException {
        List<String> l = Files.readAllLines(p);
        return String.join("\n", l.subList(Math.max(0, l.size() - 30), l.size()));
    }

}
