package org.watchpost.agent.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The configuration in force before the CLI applies the agent's log settings. */
class LogbackXmlTest {
    private final LoggerContext context = TestLogging.newContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    private void loadLogbackXml() throws JoranException {
        URL xml = LogSetup.class.getResource("/logback.xml");
        assertThat(xml).as("logback.xml on the classpath").isNotNull();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(xml);
    }

    @Test
    void logsInfoAndWorseToStderrAndKeepsNoisyLibrariesAtWarn() throws JoranException {
        loadLogbackXml();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);
        assertThat(appenders).singleElement().isInstanceOfSatisfying(ConsoleAppender.class,
                console -> assertThat(console.getTarget()).isEqualTo("System.err"));
        for (String noisy : LogSetup.NOISY_LOGGERS) {
            assertThat(context.getLogger(noisy).getLevel()).as(noisy).isEqualTo(Level.WARN);
        }
        assertThat(context.getStatusManager().getCopyOfStatusListenerList()).as("no status printer").isEmpty();
    }

    @Test
    void writesTheSameTextLinesAsTheConfiguredAgent() throws JoranException {
        loadLogbackXml();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<?> console = (ConsoleAppender<?>) root.getAppender("CONSOLE");
        PatternLayoutEncoder encoder = (PatternLayoutEncoder) console.getEncoder();
        assertThat(encoder.getPattern()).isEqualTo(LogSetup.TEXT_PATTERN);

        LoggingEvent event = new LoggingEvent();
        event.setInstant(Instant.parse("2026-11-28T10:00:00.123Z"));
        event.setLevel(Level.INFO);
        event.setLoggerName("org.watchpost.agent.cli.RunCommand");
        event.setThreadName("main");
        event.setMessage("agent eu-1 started");
        event.setMDCPropertyMap(Map.of());
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).isEqualTo(
                "2026-11-28T10:00:00.123Z INFO  [main] org.watchpost.agent.cli.RunCommand - agent eu-1 started"
                        + System.lineSeparator());
    }
}
