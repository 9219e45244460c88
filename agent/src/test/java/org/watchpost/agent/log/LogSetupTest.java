package org.watchpost.agent.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;
import org.watchpost.agent.config.LogSettings;
import org.watchpost.agent.config.LogSettings.Format;
import org.watchpost.agent.time.FakeTimeSource;
import org.watchpost.agent.time.TimeSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class LogSetupTest {
    private static final long FILE_BYTES = 64L << 10;
    private static final long TOTAL_BYTES = 256L << 10;
    private static final LogSettings TEXT = settings(LogSettings.Level.INFO, FILE_BYTES, TOTAL_BYTES);
    private static final LogSettings JSON = TEXT.withFormat(Format.JSON);
    private static final Pattern TEXT_LINE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z (ERROR|WARN |INFO |DEBUG|TRACE)"
                    + " \\[[^\\]]+] \\S+ - .*");

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    // Logback retries a failed file after 20 ms, then 4 times longer after each failure, up to about 5 minutes.
    private static final Duration RECOVERY = Duration.ofMinutes(6);

    @TempDir
    Path tmp;

    private final LoggerContext context = TestLogging.newContext();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final List<LogHandle> handles = new ArrayList<>();

    @AfterEach
    void closeAll() {
        handles.forEach(LogHandle::close);
        context.stop();
    }

    private static LogSettings settings(LogSettings.Level level, long maxFileBytes, long maxTotalBytes) {
        return new LogSettings(level, Format.TEXT, maxFileBytes, maxTotalBytes);
    }

    private LogHandle configure(LogSettings settings, Path dir) {
        return configure(settings, dir, TimeSource.system());
    }

    private LogHandle configure(LogSettings settings, Path dir, TimeSource time) {
        return configure(settings, dir, time, true);
    }

    /** For floods of one message that must reach the disk line by line. */
    private LogHandle configureWithoutCollapsing(LogSettings settings, Path dir, TimeSource time) {
        return configure(settings, dir, time, false);
    }

    private LogHandle configure(LogSettings settings, Path dir, TimeSource time, boolean collapseRepeats) {
        LogHandle handle = LogSetup.configure(settings, dir, new LogSetup.Environment(
                context, null, console, time, LogSetup.QUEUE_CAPACITY, PATIENCE, collapseRepeats));
        handles.add(handle);
        return handle;
    }

    private List<String> consoleLines() {
        return console.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void jsonWritesOneObjectPerLineWithTheFieldsShippersExpect() throws IOException {
        LogHandle handle = configure(JSON, tmp);
        org.slf4j.Logger log = context.getLogger("org.watchpost.agent.probe.HttpProber");
        MDC.put("target", "unicri-news");
        try {
            log.warn("page shows {}", "SQLSTATE[HY000]: General error: 1114 The table 'watchdog' is full");
            log.error("probe crashed", new IllegalStateException("boom\nsecond line"));
        } finally {
            MDC.remove("target");
        }
        handle.close();

        List<String> lines = Files.readAllLines(tmp.resolve("agent.log"));
        assertThat(lines).hasSize(3).isEqualTo(consoleLines());
        ObjectMapper mapper = new ObjectMapper();
        for (String line : lines) {
            JsonNode json = mapper.readTree(line);
            assertThat(json.isObject()).as(line).isTrue();
            assertThat(json.fieldNames()).toIterable()
                    .contains("@timestamp", "level", "logger_name", "thread_name", "message");
            assertThat(json.get("@timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
            Instant.parse(json.get("@timestamp").asText());
        }
        JsonNode warn = mapper.readTree(lines.get(1));
        assertThat(warn.get("level").asText()).isEqualTo("WARN");
        assertThat(warn.get("logger_name").asText()).isEqualTo("org.watchpost.agent.probe.HttpProber");
        assertThat(warn.get("thread_name").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(warn.get("message").asText()).isEqualTo(
                "page shows SQLSTATE[HY000]: General error: 1114 The table 'watchdog' is full");
        assertThat(warn.get("target").asText()).isEqualTo("unicri-news");
        JsonNode error = mapper.readTree(lines.get(2));
        assertThat(error.get("stack_trace").asText()).contains("IllegalStateException: boom");
    }

    @Test
    void textWritesIsoUtcTimeLevelThreadLoggerAndMessage() throws IOException {
        LogHandle handle = configure(TEXT, tmp);
        org.slf4j.Logger log = context.getLogger("org.watchpost.agent.schedule.Scheduler");
        log.info("started {} targets", 3);
        MDC.put("target", "unicri-news");
        try {
            log.warn("probe skipped: previous still running");
        } finally {
            MDC.remove("target");
        }
        handle.close();

        List<String> lines = Files.readAllLines(tmp.resolve("agent.log"));
        assertThat(lines).hasSize(3).isEqualTo(consoleLines()).allMatch(l -> TEXT_LINE.matcher(l).matches());
        String thread = Thread.currentThread().getName();
        assertThat(lines.get(1)).endsWith(
                "INFO  [" + thread + "] org.watchpost.agent.schedule.Scheduler - started 3 targets");
        assertThat(lines.get(2)).endsWith(
                "WARN  [" + thread + "] org.watchpost.agent.schedule.Scheduler"
                        + " - probe skipped: previous still running target=unicri-news");
    }

    @Test
    void aFloodOfOneWarningReachesTheFileAsTheFirstFewLinesAndOneCountedSummary() throws IOException {
        // The rolling policy dates the file by this clock; starting at the real time keeps the file from rolling.
        FakeTimeSource time = new FakeTimeSource(Instant.now());
        Instant start = time.now();
        LogHandle handle = configure(TEXT, tmp, time);
        org.slf4j.Logger log = context.getLogger("org.watchpost.agent.probe.HttpProber");
        int logged = 10_000;
        MDC.put("target", "unicri-news");
        try {
            for (int i = 0; i < logged; i++) {
                log.warn("page shows {}", "SQLSTATE[HY000]: General error: 1114 The table 'watchdog' is full");
            }
        } finally {
            MDC.remove("target");
        }
        handle.close();

        List<String> lines = Files.readAllLines(tmp.resolve("agent.log"));
        assertThat(lines).isEqualTo(consoleLines()).hasSize(1 + LogSetup.REPEAT_BURST + 1);
        assertThat(lines.subList(1, 1 + LogSetup.REPEAT_BURST)).allMatch(l -> l.endsWith(
                " - page shows SQLSTATE[HY000]: General error: 1114 The table 'watchdog' is full target=unicri-news"));
        assertThat(lines).last().asString().matches(TEXT_LINE.pattern()).endsWith(
                "WARN  [" + Thread.currentThread().getName() + "] org.watchpost.agent.probe.HttpProber"
                        + " - suppressed " + (logged - LogSetup.REPEAT_BURST) + " similar messages in the 10s from "
                        + start.truncatedTo(ChronoUnit.MILLIS) + ": page shows SQLSTATE[HY000]: General error: 1114 The table 'watchdog' is full "
                        + "target=unicri-news");
        assertThat(handle.suppressedEvents()).isEqualTo(logged - LogSetup.REPEAT_BURST);
        assertThat(handle.droppedEvents()).isZero();
    }

    @Test
    void consoleOnlyWhenNoDirectoryIsGiven() {
        LogHandle handle = configure(TEXT, null);
        context.getLogger("x").info("hello");
        handle.close();

        assertThat(handle.file()).isEmpty();
        assertThat(consoleLines()).last().asString().endsWith("x - hello");
    }

    @Test
    void theLevelAndTheNoisyLibrariesAreApplied() {
        LogHandle handle = configure(settings(LogSettings.Level.DEBUG, FILE_BYTES, TOTAL_BYTES), null);
        context.getLogger("org.watchpost.x").debug("ours");
        context.getLogger("okhttp3.internal.http2.Http2").info("theirs");
        context.getLogger("org.eclipse.jetty.server.Server").warn("theirs, but it matters");
        handle.close();

        assertThat(consoleLines()).anyMatch(l -> l.endsWith(" - ours"))
                .anyMatch(l -> l.endsWith(" - theirs, but it matters"))
                .noneMatch(l -> l.endsWith(" - theirs"));
        assertThat(context.getLogger("okio").getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void theWholeDirectoryStaysWithinItsCapWhileWritingManyTimesIt() throws IOException {
        LogHandle handle = configureWithoutCollapsing(TEXT, tmp, TimeSource.system());
        org.slf4j.Logger log = context.getLogger("org.watchpost.agent.Flood");
        String filler = "x".repeat(150);
        String huge = "y".repeat(100_000);
        long largestSeen = 0;
        int lines = 0;
        for (long written = 0; written < 6 * TOTAL_BYTES; written += 230) {
            log.info("line {} {}", lines++, filler);
            if (lines % 500 == 0) {
                log.warn("an oversized event {}", huge);
            }
            if (lines % 50 == 0) {
                largestSeen = Math.max(largestSeen, directoryBytes());
            }
        }
        log.info("the last line");
        handle.close();

        assertThat(largestSeen).isPositive().isLessThanOrEqualTo(TOTAL_BYTES);
        assertThat(directoryBytes()).isLessThanOrEqualTo(TOTAL_BYTES);
        try (Stream<Path> files = Files.list(tmp)) {
            List<Path> all = files.toList();
            assertThat(all).allSatisfy(f -> assertThat(Files.size(f)).as(f.toString()).isLessThanOrEqualTo(FILE_BYTES));
            assertThat(all).as("rolled at least once, the oldest archives deleted").hasSizeBetween(3, 6);
            assertThat(all).extracting(f -> f.getFileName().toString())
                    .allMatch(name -> name.matches("agent(\\.\\d{4}-\\d{2}-\\d{2}\\.\\d+)?\\.log"));
        }
        assertThat(Files.readAllLines(tmp.resolve("agent.log"))).last().asString().endsWith(" - the last line");
        assertThat(Files.readString(tmp.resolve("agent.log")) + archivesText())
                .contains("an oversized event yyyy").contains("[truncated: the event took");
        assertThat(handle.droppedEvents()).isZero();
    }

    private String archivesText() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path f : files.toList()) {
                text.append(Files.readString(f));
            }
        }
        return text.toString();
    }

    private long directoryBytes() throws IOException {
        long total = 0;
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path f : files.toList()) {
                total += f.toFile().length();
            }
        }
        return total;
    }

    @Test
    void anOversizedJsonEventStaysOneParseableLine() throws IOException {
        LogHandle handle = configure(JSON, tmp);
        context.getLogger("big").error("dump " + "\u0001é\"".repeat(40_000), new RuntimeException("cause"));
        handle.close();

        List<String> lines = Files.readAllLines(tmp.resolve("agent.log"));
        JsonNode json = new ObjectMapper().readTree(lines.get(1));
        assertThat(lines.get(1).getBytes(StandardCharsets.UTF_8).length).isLessThan((int) (FILE_BYTES / 8));
        assertThat(json.get("message").asText()).startsWith("dump \u0001é\"").contains("[truncated: the event took");
        assertThat(json.get("level").asText()).isEqualTo("ERROR");
    }

    @Test
    void theFileRollsAtMidnightUtc() throws IOException {
        // The rolling policy takes its first day from the system clock; the fake one starts there too.
        FakeTimeSource time = new FakeTimeSource(Instant.now());
        String today = LocalDate.ofInstant(time.now(), ZoneOffset.UTC).toString();
        LogHandle handle = configure(TEXT, tmp, time);
        org.slf4j.Logger log = context.getLogger("daily");
        log.info("written today");
        await().atMost(PATIENCE).until(() -> fileContains(tmp.resolve("agent.log"), "written today"));
        time.advance(Duration.ofDays(1));
        log.info("written tomorrow");
        handle.close();

        assertThat(Files.readString(tmp.resolve("agent." + today + ".0.log"))).contains("written today");
        assertThat(Files.readString(tmp.resolve("agent.log")))
                .contains("written tomorrow").doesNotContain("written today");
    }

    private static boolean fileContains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void archivesLeftByAnEarlierRunAreCappedAtStart() throws IOException {
        for (int i = 0; i < 8; i++) {
            Files.write(tmp.resolve("agent.2026-11-2" + i + ".0.log"), new byte[(int) (FILE_BYTES / 2)]);
        }
        Files.writeString(tmp.resolve("notes.txt"), "not ours");

        configure(TEXT, tmp).close();

        assertThat(directoryBytes()).isLessThanOrEqualTo(TOTAL_BYTES + "not ours".length());
        assertThat(tmp.resolve("agent.2026-11-27.0.log")).as("the newest archive is kept").exists();
        assertThat(tmp.resolve("agent.2026-11-20.0.log")).as("the oldest archive is deleted").doesNotExist();
        assertThat(tmp.resolve("notes.txt")).exists();
    }

    @Test
    void reloadingKeepsOneQueueOneThreadAndTheNewSettings() throws IOException {
        LogHandle first = configure(TEXT, tmp.resolve("a"));
        BoundedAsyncAppender async = first.appender();
        List<Appender<ILoggingEvent>> firstChildren = children(async);
        context.getLogger("reload").info("in text");
        // Lines still queued at a reload are written with the new settings; this one is meant for the old file.
        await().atMost(PATIENCE).until(() -> fileContains(tmp.resolve("a/agent.log"), "reload - in text"));

        LogHandle second = null;
        for (int i = 0; i < 5; i++) {
            second = configure(JSON, tmp.resolve("b"));
        }
        context.getLogger("reload").info("in json");
        second.close();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(second.appender()).isSameAs(async);
        assertThat(firstChildren).hasSize(2).noneMatch(Appender::isStarted);
        assertThat(TestLogging.liveWriterThreads(context)).isZero();
        assertThat(root.iteratorForAppenders().hasNext()).as("closed: nothing attached").isFalse();
        assertThat(Files.readString(tmp.resolve("a/agent.log"))).contains("reload - in text").doesNotContain("in json");
        List<String> b = Files.readAllLines(tmp.resolve("b/agent.log"));
        assertThat(b).allMatch(l -> l.startsWith("{")).anyMatch(l -> l.contains("\"message\":\"in json\""));
    }

    @Test
    void whileRunningAReloadLeavesExactlyOneAppenderAndOneWriterThread() {
        configure(TEXT, tmp);
        configure(TEXT, tmp);
        LogHandle last = configure(JSON, null);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> attached = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(attached::add);
        assertThat(attached).containsExactly(last.appender());
        assertThat(children(last.appender())).extracting(Appender::getName).containsExactly("CONSOLE");
        assertThat(TestLogging.liveWriterThreads(context)).isEqualTo(1);
    }

    private static List<Appender<ILoggingEvent>> children(BoundedAsyncAppender async) {
        List<Appender<ILoggingEvent>> children = new ArrayList<>();
        async.iteratorForAppenders().forEachRemaining(children::add);
        return children;
    }

    @Test
    void theFirstConfigurationReplacesWhatLogbackXmlSetUp() {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> startup = new ListAppender<>();
        startup.setContext(context);
        startup.setName("CONSOLE");
        startup.start();
        root.addAppender(startup);

        LogHandle handle = configure(TEXT, null);
        context.getLogger("x").info("after");

        assertThat(startup.isStarted()).isFalse();
        assertThat(startup.list).isEmpty();
        Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders();
        assertThat(it.next()).isSameAs(handle.appender());
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void aUserConfigurationIsLeftAloneAndSaidSoOnce() {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.DEBUG);
        ListAppender<ILoggingEvent> users = new ListAppender<>();
        users.setContext(context);
        users.start();
        root.addAppender(users);
        LogSetup.Environment env = new LogSetup.Environment(context, "/etc/watchpost/logback.xml", console,
                TimeSource.system(), LogSetup.QUEUE_CAPACITY, Duration.ofSeconds(30), true);

        LogHandle handle = LogSetup.configure(JSON, tmp, env);
        LogSetup.configure(TEXT, tmp, env).close();
        handle.close();

        assertThat(handle.droppedEvents()).isZero();
        assertThat(handle.suppressedEvents()).isZero();
        assertThat(handle.fileLostEvents()).isZero();
        assertThat(handle.file()).isEmpty();
        assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
        List<Appender<ILoggingEvent>> attached = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(attached::add);
        assertThat(attached).containsExactly(users);
        assertThat(users.isStarted()).isTrue();
        assertThat(users.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.INFO);
            assertThat(e.getFormattedMessage()).contains("/etc/watchpost/logback.xml");
        });
        assertThat(tmp.resolve("agent.log")).doesNotExist();
        assertThat(console.size()).isZero();
    }

    @Test
    void sizesThatCannotBeHonouredAreRefusedAndTheRunningSetupKept() {
        LogHandle running = configure(TEXT, null);

        assertThatThrownBy(() -> configure(settings(LogSettings.Level.INFO, 1024, TOTAL_BYTES), tmp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("log.max_file_bytes");
        assertThatThrownBy(() -> configure(settings(LogSettings.Level.INFO, FILE_BYTES, FILE_BYTES), tmp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("log.max_total_bytes")
                .hasMessageContaining("twice");
        context.getLogger("x").info("still here");
        running.close();

        assertThat(consoleLines()).last().asString().endsWith("x - still here");
    }

    @Test
    void aLogDirectoryThatIsAFileIsNamedInTheError() throws IOException {
        Path notADir = Files.writeString(tmp.resolve("logs"), "");

        assertThatThrownBy(() -> configure(TEXT, notADir))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(notADir.toString());
    }

    @Test
    void aFullDiskNeitherDisturbsTheAgentNorLosesALineUncounted() throws IOException {
        Path full = Path.of("/dev/full");
        assertThat(Files.isWritable(full)).as("/dev/full simulates a full disk; every Linux has it").isTrue();
        Files.createSymbolicLink(tmp.resolve("agent.log"), full);
        // Logback dates an existing active file by its modification time; staying on that day keeps it from
        // rolling the broken file away at the first event.
        FakeTimeSource sameDay = new FakeTimeSource(Files.getLastModifiedTime(full).toInstant());
        LogHandle handle = configureWithoutCollapsing(TEXT, tmp, sameDay);

        org.slf4j.Logger log = context.getLogger("disk");
        int logged = 2000;
        for (int i = 0; i < logged; i++) {
            log.info("line {} while the disk is full", i);
        }
        handle.close();

        List<String> console = consoleLines();
        assertThat(console).filteredOn(l -> l.contains("while the disk is full")).hasSize(logged);
        List<Status> statuses = context.getStatusManager().getCopyOfStatusList();
        assertThat(statuses).as("the disk really was full")
                .anyMatch(s -> s.getLevel() == Status.ERROR && String.valueOf(s.getThrowable()).contains("No space"));
        // Logback reports failed writes and recovery attempts to its status manager, which keeps a bounded
        // number in memory; none of them reaches stderr because no listener prints them.
        assertThat(statuses).hasSizeLessThanOrEqualTo(300);
        assertThat(context.getStatusManager().getCopyOfStatusListenerList()).isEmpty();
        assertThat(handle.droppedEvents()).isZero();

        // Logback counts the bytes it tried to write, so after max_file_bytes of them it rolled the broken file
        // away, and the next file took lines again. Every line that missed the disk meanwhile is counted.
        try (Stream<Path> files = Files.list(tmp)) {
            List<Path> all = files.toList();
            assertThat(all).as("the broken file, rolled").anyMatch(f -> Files.isSymbolicLink(f)
                    && f.getFileName().toString().matches("agent\\.\\d{4}-\\d{2}-\\d{2}\\.\\d+\\.log"));
            long written = 0;
            for (Path f : all) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    written += Files.readAllLines(f).size();
                }
            }
            assertThat(written).as("lines after the roll").isPositive();
            assertThat(handle.fileLostEvents()).isPositive();
            assertThat(written + handle.fileLostEvents()).as("written or counted").isEqualTo(console.size());
        }
    }

    @Test
    void aFullFilesystemUnderTheLogDirectoryIsSurvivedAndWritingResumesWhenSpaceReturns() throws Exception {
        Path mount = Files.createDirectory(tmp.resolve("small-fs"));
        run("mount", "-t", "tmpfs", "-o", "size=2m", "watchpost-logs-test", mount.toString());
        try {
            Path dir = mount.resolve("logs");
            LogHandle handle = configureWithoutCollapsing(TEXT, dir, TimeSource.system());
            org.slf4j.Logger log = context.getLogger("disk");
            log.info("before the disk filled");
            await().atMost(PATIENCE).until(() -> fileContains(dir.resolve("agent.log"), "before the disk filled"));
            Path filler = fillUp(mount.resolve("filler"));

            int logged = 2000;
            for (int i = 0; i < logged; i++) {
                log.info("line {} while the disk is full", i);
            }
            // The writer hands each event to the console, then to the file: once the console has this line, the
            // file has had its go at every line before it.
            log.info("the flood is over");
            await().atMost(PATIENCE).until(() -> consoleLines().stream().anyMatch(l -> l.endsWith("flood is over")));
            assertThat(consoleLines()).filteredOn(l -> l.contains("while the disk is full")).hasSize(logged);
            assertThat(context.getStatusManager().getCopyOfStatusList()).as("the disk really was full")
                    .anyMatch(s -> String.valueOf(s.getThrowable()).contains("No space"));
            // Only the last page of the file had room left.
            assertThat(handle.fileLostEvents()).isGreaterThan(logged - 100);

            Files.delete(filler);
            int[] after = {0};
            await().atMost(RECOVERY).pollInterval(Duration.ofMillis(50)).until(() -> {
                log.info("line {} after space returned", after[0]++);
                return logFilesText(dir).contains("after space returned");
            });
            handle.close();

            String text = logFilesText(dir);
            // Whole lines only: the one the full disk cut short is counted as lost, and rightly so.
            long written = text.chars().filter(c -> c == '\n').count();
            // Exact but for one line: the one left in the stream's buffer by the failed write, counted as lost,
            // which the reopened file still gets when space returns.
            assertThat(written + handle.fileLostEvents()).as("every line written or counted")
                    .isBetween((long) consoleLines().size(), consoleLines().size() + 1L);
            assertThat(text).contains("before the disk filled");
            assertThat(handle.droppedEvents()).isZero();
            try (Stream<Path> files = Files.list(dir)) {
                long bytes = 0;
                for (Path f : files.toList()) {
                    bytes += Files.size(f);
                }
                assertThat(bytes).isLessThanOrEqualTo(TOTAL_BYTES);
            }
        } finally {
            context.stop();
            // Lazily, so that a failed test holding a file open still leaves no mount behind.
            run("umount", "-l", mount.toString());
        }
    }

    /** Writes {@code file} until the filesystem refuses more. */
    private static Path fillUp(Path file) throws IOException {
        byte[] block = new byte[4096];
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            assertThat(e).hasMessageContaining("No space");
        }
        return file;
    }

    private static String logFilesText(Path dir) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                text.append(Files.readString(f));
            }
        }
        return text.toString();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s (a real small filesystem needs root, as CI has): %s",
                String.join(" ", command), output).isZero();
    }
}
