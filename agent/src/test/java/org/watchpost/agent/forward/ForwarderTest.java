package org.watchpost.agent.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.config.CollectorSettings;
import org.watchpost.agent.config.JournalSettings;
import org.watchpost.agent.journal.Journal;
import org.watchpost.agent.journal.JournalFiles;
import org.watchpost.agent.journal.JournalRecord;
import org.watchpost.agent.time.FakeTimeSource;
import org.watchpost.protocol.AgentHealth;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.DroppedRange;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Finding;
import org.watchpost.protocol.Report;
import org.watchpost.protocol.ReportRecord;
import org.watchpost.protocol.Severity;
import org.watchpost.protocol.Verdict;

/**
 * The forwarder against a MockWebServer playing the collector, driven turn by turn ({@link Forwarder#cycle()}) on a
 * fake clock, so every wait it chooses is asserted exactly and nothing waits for real time.
 */
class ForwarderTest {
    private static final Duration WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final AgentHealth HEALTH = new AgentHealth("test", Instant.parse("2026-11-28T09:00:00Z"), 2, 267,
            0, 256 << 20, Map.of(), 0, 0.0, 0);

    @TempDir
    Path dir;
    private final FakeTimeSource time = new FakeTimeSource();
    private final Collector collector = new Collector();
    private final List<Journal> journals = new ArrayList<>();
    private final List<Forwarder> forwarders = new ArrayList<>();
    private final Deque<Double> randoms = new ArrayDeque<>();
    private final DoubleSupplier random = () -> randoms.isEmpty() ? 0.5 : randoms.removeFirst();

    @AfterEach
    void close() {
        forwarders.forEach(f -> f.close(Duration.ZERO));
        journals.forEach(Journal::close);
        collector.close();
    }

    private Journal journal(JournalSettings s) throws IOException {
        Journal j = Journal.open(dir.resolve("journal"), s, time, JournalFiles.system());
        journals.add(j);
        return j;
    }

    private Journal journal() throws IOException {
        return journal(JournalSettings.DEFAULTS);
    }

    private static byte[] result(int i) {
        CheckResult r = new CheckResult("t" + (i % 3), Instant.parse("2026-11-28T10:00:00Z").plusSeconds(i),
                Verdict.DOWN, FailureClass.HTTP_STATUS, 503,
                List.of(Finding.certain(FailureClass.HTTP_STATUS, "check.http_status", Severity.CRITICAL,
                        "HTTP 503 number " + i, "look at the origin")),
                0.2, "https://example.org/" + i, null, Map.of("site", "example"));
        try {
            return Collector.JSON.writeValueAsBytes(r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void append(Journal j, int from, int count) throws InterruptedException {
        for (int i = from; i < from + count; i++) {
            j.append(JournalRecord.Type.CHECK_RESULT, result(i));
        }
        assertThat(j.flush(5, TimeUnit.SECONDS)).isTrue();
    }

    private Forwarder forwarder(Journal j, CollectorSettings s) {
        Forwarder f = new Forwarder(s, j.reader(), "eu-1", () -> HEALTH, () -> j.stats().stored(), time, random);
        forwarders.add(f);
        return f;
    }

    private Forwarder forwarder(Journal j, int maxRecords) {
        return forwarder(j, collector.settings(maxRecords, 1 << 20, WAIT, MAX_BACKOFF));
    }

    private static List<Long> seqs(Report r) {
        return r.records().stream().map(ReportRecord::seq).toList();
    }

    private static List<Long> range(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void aReportIsGzipJsonWithTheBearerTokenAndDecodesToAValidReport() throws Exception {
        Journal j = journal();
        append(j, 1, 3);
        Forwarder f = forwarder(j, 3);
        collector.enqueue(Collector.ack(3));

        f.cycle();

        RecordedRequest req = collector.take();
        assertThat(req.getMethod()).isEqualTo("POST");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/api/v1/reports");
        assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer " + Collector.TOKEN);
        assertThat(req.getHeaders().get("Content-Encoding")).isEqualTo("gzip");
        assertThat(req.getHeaders().get("Content-Type")).startsWith("application/json");
        Report r = Collector.report(req);
        assertThat(r.schema()).isEqualTo(Report.SCHEMA);
        assertThat(r.agent()).isEqualTo("eu-1");
        assertThat(seqs(r)).containsExactly(1L, 2L, 3L);
        assertThat(r.records().get(0).checkResult().labels()).containsEntry("site", "example");
        assertThat(r.records().get(1).checkResult().findings().get(0).evidence()).isEqualTo("HTTP 503 number 2");
        assertThat(r.health()).isEqualTo(HEALTH);
        assertThat(r.dropped()).isEmpty();
        assertThat(j.stats().cursor()).isEqualTo(3);
        assertThat(f.stats().sent()).isEqualTo(3);
        assertThat(f.stats().lastSuccess()).isEqualTo(time.now());
    }

    @Test
    void aBatchGoesWhenItHoldsBatchMaxRecords() throws Exception {
        Journal j = journal();
        append(j, 1, 25);
        Forwarder f = forwarder(j, 10);
        collector.enqueue(Collector.ack(10));
        collector.enqueue(Collector.ack(20));

        assertThat(f.cycle()).as("sent at once, nothing left waiting").isZero();
        assertThat(seqs(Collector.report(collector.take()))).isEqualTo(range(1, 10));
        f.cycle();
        assertThat(seqs(Collector.report(collector.take()))).isEqualTo(range(11, 20));

        assertThat(f.cycle()).as("5 records are not a full batch: they wait batch_max_wait")
                .isEqualTo(WAIT.toNanos());
        assertThat(collector.server.getRequestCount()).isEqualTo(2);
        assertThat(j.stats().cursor()).isEqualTo(20);
    }

    @Test
    void aBatchGoesWhenItHoldsBatchMaxBytes() throws Exception {
        Journal j = journal();
        append(j, 1, 20);
        int recordBytes = result(1).length;
        long maxBytes = 1024;
        Forwarder f = forwarder(j, collector.settings(500, maxBytes, Duration.ofMinutes(1), MAX_BACKOFF));
        int perReport = (int) ((maxBytes + recordBytes - 1) / recordBytes); // the one that crosses the limit is in
        collector.enqueue(Collector.ack(perReport));

        assertThat(f.cycle()).isZero();

        assertThat(seqs(Collector.report(collector.take()))).isEqualTo(range(1, perReport));
        assertThat(perReport).isLessThan(20);
    }

    @Test
    void aBatchThatIsNotFullGoesAfterBatchMaxWait() throws Exception {
        Journal j = journal();
        append(j, 1, 3);
        Forwarder f = forwarder(j, 500);
        collector.enqueue(Collector.ack(3));

        assertThat(f.cycle()).isEqualTo(WAIT.toNanos());
        time.advance(Duration.ofMillis(999));
        assertThat(f.cycle()).isEqualTo(Duration.ofMillis(1).toNanos());
        assertThat(collector.server.getRequestCount()).isZero();

        time.advance(Duration.ofMillis(1));
        f.cycle();
        assertThat(seqs(Collector.report(collector.take()))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void theCursorMovesOnlyToStoredThroughAndNeverPastWhatWasSent() throws Exception {
        Journal j = journal();
        append(j, 1, 10);
        Forwarder f = forwarder(j, 10);
        collector.enqueue(Collector.ack(6));
        collector.enqueue(Collector.ack(1_000)); // a collector that claims more than it was sent

        assertThat(f.cycle()).as("the rest of the batch goes at once").isZero();
        collector.take();
        assertThat(j.stats().cursor()).isEqualTo(6);

        f.cycle();
        assertThat(seqs(Collector.report(collector.take()))).isEqualTo(range(7, 10));
        assertThat(j.stats().cursor()).isEqualTo(10);
        assertThat(f.stats().sent()).isEqualTo(10);
    }

    @Test
    void a500ThenA200DeliversTheSameRecordsOnce() throws Exception {
        Journal j = journal();
        append(j, 1, 5);
        Forwarder f = forwarder(j, 5);
        collector.enqueue(Collector.error(500, "database is restarting"));
        collector.enqueue(Collector.ack(5));

        long wait = f.cycle();
        Report first = Collector.report(collector.take());
        assertThat(wait).as("full jitter of the first backoff step: 0.5 * 1s").isEqualTo(500_000_000L);
        assertThat(j.stats().cursor()).isZero();
        assertThat(f.stats().errors().get(Forwarder.ErrorKind.HTTP_5XX)).isEqualTo(1);
        assertThat(f.stats().backoffSeconds()).isEqualTo(0.5);
        assertThat(f.stats().lastError()).contains("HTTP 500").contains("database is restarting");

        time.advance(Duration.ofNanos(wait));
        f.cycle();
        Report second = Collector.report(collector.take());
        assertThat(seqs(second)).isEqualTo(seqs(first)).isEqualTo(range(1, 5));
        assertThat(j.stats().cursor()).isEqualTo(5);
        assertThat(f.stats().sent()).as("acknowledged once").isEqualTo(5);
        assertThat(f.stats().backoffSeconds()).isZero();
        assertThat(collector.server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aCrashBeforeTheAcknowledgementSendsTheRecordsAgainAfterTheRestart() throws Exception {
        Journal j = journal();
        append(j, 1, 4);
        Forwarder f = forwarder(j, 4);
        // The collector stores the report and the agent dies before it reads the answer.
        collector.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        f.cycle();
        assertThat(seqs(Collector.report(collector.take()))).isEqualTo(range(1, 4));
        assertThat(j.stats().cursor()).isZero();
        forwarders.remove(f);
        f.close(Duration.ZERO);
        j.close();
        journals.remove(j);

        Journal again = journal();
        Forwarder restarted = forwarder(again, 4);
        collector.enqueue(Collector.ack(4));
        restarted.cycle();

        assertThat(seqs(Collector.report(collector.take()))).as("sent again; the collector de-duplicates")
                .isEqualTo(range(1, 4));
        assertThat(again.stats().cursor()).isEqualTo(4);
    }

    @Test
    void retryAfterIsHonouredInSecondsAndAsAnHttpDateAndCapped() throws Exception {
        Journal j = journal();
        append(j, 1, 1);
        Forwarder f = forwarder(j, 1);
        collector.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").build());
        String inTwentySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                time.now().plusSeconds(20).atOffset(ZoneOffset.UTC));
        collector.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", inTwentySeconds).build());
        collector.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "86400").build());

        assertThat(f.cycle()).isEqualTo(Duration.ofSeconds(7).toNanos());
        assertThat(f.cycle()).isEqualTo(Duration.ofSeconds(20).toNanos());
        assertThat(f.cycle()).as("capped").isEqualTo(RetryAfter.CAP.toNanos());
        assertThat(f.stats().errors()).containsEntry(Forwarder.ErrorKind.THROTTLED, 2L)
                .containsEntry(Forwarder.ErrorKind.HTTP_5XX, 1L);
        assertThat(j.stats().cursor()).isZero();
    }

    @Test
    void backoffGrowsExponentiallyWithFullJitterUpToMaxBackoff() throws Exception {
        Journal j = journal();
        append(j, 1, 1);
        Forwarder f = forwarder(j, collector.settings(1, 1 << 20, WAIT, Duration.ofSeconds(4)));
        for (int i = 0; i < 6; i++) {
            collector.enqueue(Collector.error(502, "bad gateway"));
        }
        randoms.addAll(List.of(1.0, 1.0, 1.0, 1.0, 0.25, 0.0));

        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            waits.add(f.cycle());
        }

        assertThat(waits).containsExactly(seconds(1), seconds(2), seconds(4), seconds(4), seconds(1), 0L);
    }

    private static long seconds(long s) {
        return Duration.ofSeconds(s).toNanos();
    }

    @Test
    void a401IsCountedAndLoggedOnceTheCursorStaysAndRetriesWaitMaxBackoff() throws Exception {
        Journal j = journal();
        append(j, 1, 2);
        Forwarder f = forwarder(j, 2);
        collector.enqueue(Collector.error(401, "unknown agent token"));
        collector.enqueue(Collector.error(401, "unknown agent token"));

        assertThat(f.cycle()).isEqualTo(MAX_BACKOFF.toNanos());
        assertThat(f.cycle()).isEqualTo(MAX_BACKOFF.toNanos());

        assertThat(j.stats().cursor()).isZero();
        Forwarder.Stats s = f.stats();
        assertThat(s.errors().get(Forwarder.ErrorKind.HTTP_4XX)).isEqualTo(2);
        assertThat(s.lastError()).isEqualTo("http_4xx: HTTP 401: unknown agent token");
        assertThat(s.lastError()).doesNotContain(Collector.TOKEN);
        assertThat(s.sent()).isZero();
    }

    @Test
    void a413SplitsTheBatchAndARecordTooLargeAloneIsDeclaredDropped() throws Exception {
        Journal j = journal();
        append(j, 1, 8);
        Forwarder f = forwarder(j, 8);
        collector.enqueue(Collector.error(413, "report too large"));
        collector.enqueue(Collector.ack(4));
        collector.enqueue(Collector.ack(8));

        assertThat(f.cycle()).isZero();
        assertThat(seqs(Collector.report(collector.take()))).hasSize(8);
        f.cycle();
        assertThat(seqs(Collector.report(collector.take()))).isEqualTo(range(1, 4));
        f.cycle();
        assertThat(seqs(Collector.report(collector.take()))).isEqualTo(range(5, 8));
        assertThat(j.stats().cursor()).isEqualTo(8);
        assertThat(f.stats().batchLimit()).isEqualTo(4);
        assertThat(f.stats().errors().get(Forwarder.ErrorKind.TOO_LARGE)).isEqualTo(1);

        // One record that the collector refuses even alone: declared dropped, not retried forever.
        append(j, 9, 1);
        collector.enqueue(Collector.error(413, "record too large"));
        collector.enqueue(Collector.ack(9));
        assertThat(f.cycle()).isEqualTo(WAIT.toNanos());
        time.advance(WAIT);
        assertThat(f.cycle()).isZero();
        assertThat(seqs(Collector.report(collector.take()))).containsExactly(9L);
        f.cycle();
        Report declared = Collector.report(collector.take());
        assertThat(declared.records()).isEmpty();
        assertThat(declared.dropped()).containsExactly(new DroppedRange(9, 9, "too_large"));
        assertThat(j.stats().cursor()).isEqualTo(9);
        assertThat(f.stats().declaredDropped()).isEqualTo(1);
    }

    @Test
    void recordsTheJournalDroppedForCapacityAreDeclaredWithTheirReason() throws Exception {
        JournalSettings small = new JournalSettings(64 << 10, 8 << 10, 0, Duration.ofDays(7), Duration.ofSeconds(1));
        Journal j = journal(small);
        append(j, 1, 400); // far beyond 64KiB: the oldest segments go before anything is forwarded
        long lost = j.stats().dropped().get(org.watchpost.agent.journal.DropReason.CAPACITY);
        assertThat(lost).isPositive();
        Forwarder f = forwarder(j, 50);
        collector.enqueue(Collector.ack(lost + 50));

        f.cycle();

        Report r = Collector.report(collector.take());
        assertThat(r.dropped()).containsExactly(new DroppedRange(1, lost, "capacity"));
        assertThat(seqs(r)).isEqualTo(range(lost + 1, lost + 50));
        assertThat(r.lastSequence()).isEqualTo(lost + 50);
        assertThat(j.stats().cursor()).isEqualTo(lost + 50);
        assertThat(f.stats().declaredDropped()).isEqualTo(lost);
    }

    @Test
    void aChangedCollectorSectionAppliesToTheNextReportAndKeepsTheCursor() throws Exception {
        Journal j = journal();
        append(j, 1, 4);
        Forwarder f = forwarder(j, 2);
        collector.enqueue(Collector.ack(2));
        f.cycle();
        collector.take();

        try (Collector other = new Collector()) {
            f.reconfigure(other.settings(2, 1 << 20, WAIT, MAX_BACKOFF));
            other.enqueue(Collector.ack(4));
            f.cycle();
            assertThat(seqs(Collector.report(other.take()))).containsExactly(3L, 4L);
        }
        assertThat(j.stats().cursor()).isEqualTo(4);
        assertThat(collector.server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aStoppingForwarderMakesOneLastTryWithinItsDeadline() throws Exception {
        Journal j = journal();
        Forwarder f = forwarder(j, collector.settings(500, 1 << 20, Duration.ofHours(1), MAX_BACKOFF));
        f.start();
        append(j, 1, 3);
        collector.enqueue(Collector.ack(3));

        f.close(Duration.ofSeconds(5));

        assertThat(seqs(Collector.report(collector.take()))).containsExactly(1L, 2L, 3L);
        assertThat(j.stats().cursor()).isEqualTo(3);
        assertThat(f.awaitStopped(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRedirectIsNotFollowedAndSaysTheUrlIsWrong() throws Exception {
        Journal j = journal();
        append(j, 1, 1);
        Forwarder f = forwarder(j, 1);
        collector.enqueue(new MockResponse.Builder().code(301).setHeader("Location", "https://elsewhere/").build());

        assertThat(f.cycle()).isEqualTo(MAX_BACKOFF.toNanos());

        assertThat(f.stats().errors().get(Forwarder.ErrorKind.HTTP_4XX)).isEqualTo(1);
        assertThat(f.stats().lastError()).contains("HTTP 301").contains("collector.url must be the collector's own");
        assertThat(j.stats().cursor()).isZero();
    }

    @Test
    void aTransportFailureIsCountedByKind() throws Exception {
        Journal j = journal();
        append(j, 1, 1);
        collector.close(); // nothing listens there any more
        Forwarder f = forwarder(j, 1);

        f.cycle();

        assertThat(f.stats().errors().get(Forwarder.ErrorKind.CONNECT)).isEqualTo(1);
        assertThat(j.stats().cursor()).isZero();
    }
}
