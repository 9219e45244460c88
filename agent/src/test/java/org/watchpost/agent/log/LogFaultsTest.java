package org.watchpost.agent.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.config.LogSettings;
import org.watchpost.agent.config.LogSettings.Format;
import org.watchpost.agent.time.FakeTimeSource;

/** The log directory deleted under a running agent, and text from pages that would reach a terminal. */
class LogFaultsTest {
    private static final LogSettings TEXT = new LogSettings(LogSettings.Level.INFO, Format.TEXT, 64L << 10, 256L << 10);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    private final LoggerContext context = TestLogging.newContext();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final FakeTimeSource time = new FakeTimeSource();
    private LogHandle handle;

    @AfterEach
    void close() {
        if (handle != null) {
            handle.close();
        }
        context.stop();
    }

    private LogHandle configure(Path dir) {
        handle = LogSetup.configure(TEXT, dir, new LogSetup.Environment(context, null, console, time,
                LogSetup.QUEUE_CAPACITY, PATIENCE, false));
        return handle;
    }

    @Test
    void aDeletedLogDirectoryIsCreatedAgainAndTheLogGoesOnInTheNewFile() throws IOException {
        Path dir = tmp.resolve("logs");
        configure(dir);
        org.slf4j.Logger log = context.getLogger("org.watchpost.agent.daemon.Agent");
        log.info("before the directory went");
        await().atMost(PATIENCE).until(() -> Files.exists(dir.resolve("agent.log"))
                && Files.readString(dir.resolve("agent.log")).contains("before the directory went"));

        try (Stream<Path> all = Files.walk(tmp.resolve("logs"))) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        time.advance(Duration.ofSeconds(2));
        log.info("after the directory went");
        await().atMost(PATIENCE).until(() -> Files.exists(dir.resolve("agent.log"))
                && Files.readString(dir.resolve("agent.log")).contains("after the directory went"));
    }

    @Test
    void terminalEscapesInAMessageReachNeitherTheFileNorTheConsole() throws IOException {
        configure(tmp);
        org.slf4j.Logger log = context.getLogger("org.watchpost.agent.daemon.Agent");
        log.info("target x is DOWN: app_error — {}", "Fatal error \u001b[2J\u001b]0;owned\u0007\u001b[31mred\u009b0m");
        handle.close();
        handle = null;
        String file = Files.readString(tmp.resolve("agent.log"), StandardCharsets.UTF_8);
        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(file).contains("Fatal error red").doesNotContain("\u001b").doesNotContain("\u0007")
                .doesNotContain("\u009b");
        assertThat(out).contains("Fatal error red").doesNotContain("\u001b").doesNotContain("\u009b");
    }
}
