package org.watchpost.agent.log;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.status.ErrorStatus;
import ch.qos.logback.core.status.Status;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.stacktrace.ShortenedThrowableConverter;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.watchpost.agent.config.LogSettings;
import org.watchpost.agent.time.TimeSource;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Points Logback's root logger at the agent's own appenders: the console (stderr) and, when a directory is given,
 * {@code DIR/agent.log}, both behind one {@link BoundedAsyncAppender} so that logging never blocks a caller. A message
 * repeated more than {@link #REPEAT_BURST} times within {@link #REPEAT_WINDOW} is collapsed into one summary line.
 *
 * <pre>{@code
 * LogHandle logs = LogSetup.configure(config.log(), dataDir.resolve("logs"));   // again on reload
 * Runtime.getRuntime().addShutdownHook(new Thread(logs::close));
 * }</pre>
 *
 * <p>A user who starts the JVM with {@code -Dlogback.configurationFile=...} keeps that configuration: nothing is
 * changed, and the returned handle counts no drops.
 */
public final class LogSetup {
    /** Events that may wait for the writer thread; more are dropped and counted. */
    public static final int QUEUE_CAPACITY = 8192;
    /** How long closing waits for queued events to be written. */
    public static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);
    /** How long a repeated message is watched after its first occurrence before it is let through again. */
    public static final Duration REPEAT_WINDOW = Duration.ofSeconds(10);
    /** How many occurrences of one message are written per window; the rest are counted and summarised. */
    public static final int REPEAT_BURST = 3;
    /** How many distinct messages are watched for repeats at once; the least recently seen is summarised first. */
    public static final int REPEAT_KINDS = 1024;
    /** The smallest log file the rolling can honour with room for one event of useful size. */
    public static final long MIN_FILE_BYTES = 64L << 10;
    /** People read this; ISO-8601 in UTC so that lines from agents in different time zones line up. */
    static final String TEXT_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX, UTC} %-5level [%thread] %logger - %msg%replace( %mdc){'^ $', ''}%n";
    /** Libraries whose INFO is noise for an operator; they log WARN and worse (or ERROR, if that is the level). */
    static final List<String> NOISY_LOGGERS =
            List.of("okhttp3", "okio", "org.eclipse.jetty", "wiremock", "com.github.tomakehurst.wiremock");
    static final String ASYNC_NAME = "ASYNC";
    private static final long MAX_EVENT_BYTES = 64L << 10;
    private static final String USER_CONFIG_REPORTED = LogSetup.class.getName() + ".userConfigReported";
    // Kept in the context, like the queue, so that a reload with a new file appender keeps counting.
    private static final String FILE_LOST_EVENTS = LogSetup.class.getName() + ".fileLostEvents";
    // A reload and a start racing each other would otherwise both create a queue and a writer thread.
    private static final Object CONFIGURING = new Object();

    private LogSetup() {
    }

    /**
     * (Re)configures the agent's logging; call it at start and on every reload.
     *
     * @param settings the {@code log:} section
     * @param logDir   where {@code agent.log} and its archives go; {@code null} logs to the console only
     * @throws IllegalArgumentException if the sizes cannot be honoured; logging is then left as it was
     * @throws UncheckedIOException     if {@code logDir} cannot be created or written; logging is then left as it was
     */
    public static LogHandle configure(LogSettings settings, Path logDir) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("SLF4J is bound to " + factory.getClass().getName()
                    + ", not to Logback; the agent cannot apply its log settings");
        }
        return configure(settings, logDir, new Environment(context,
                System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY), null, TimeSource.system(),
                QUEUE_CAPACITY, FLUSH_TIMEOUT, true));
    }

    static LogHandle configure(LogSettings settings, Path logDir, Environment env) {
        Objects.requireNonNull(settings, "settings");
        synchronized (CONFIGURING) {
            return configureLocked(settings, logDir, env);
        }
    }

    private static LogHandle configureLocked(LogSettings settings, Path logDir, Environment env) {
        LoggerContext context = env.context();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        org.slf4j.Logger log = context.getLogger(LogSetup.class);
        if (env.userConfigFile() != null) {
            if (context.getObject(USER_CONFIG_REPORTED) == null) {
                context.putObject(USER_CONFIG_REPORTED, Boolean.TRUE);
                log.info("logging is configured by -D{}={}; the agent's log settings are not applied",
                        ClassicConstants.CONFIG_FILE_PROPERTY, env.userConfigFile());
            }
            return LogHandle.unmanaged();
        }
        validate(settings);
        if (logDir != null) {
            prepare(logDir);
        }
        int maxEventBytes = (int) Math.min(MAX_EVENT_BYTES, settings.maxFileBytes() / 8);

        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        appenders.add(console(context, env.console(),
                new SizeCappedEncoder(encoder(settings, maxEventBytes), maxEventBytes)));
        LongAdder fileLost = (LongAdder) context.getObject(FILE_LOST_EVENTS);
        if (fileLost == null) {
            fileLost = new LongAdder();
            context.putObject(FILE_LOST_EVENTS, fileLost);
        }
        LogFileAppender file = null;
        if (logDir != null) {
            file = new LogFileAppender(logDir, settings.maxFileBytes(), settings.maxTotalBytes(),
                    new SizeCappedEncoder(encoder(settings, maxEventBytes), maxEventBytes), env.time(), fileLost);
            file.setContext(context);
            appenders.add(file);
        }

        BoundedAsyncAppender async = ourAsync(root);
        if (async != null) {
            async.replaceAppenders(appenders);
        } else {
            RepeatCollapser repeats = env.collapseRepeats()
                    ? new RepeatCollapser(env.time(), REPEAT_WINDOW, REPEAT_BURST, REPEAT_KINDS) : null;
            async = new BoundedAsyncAppender(env.queueCapacity(), env.flushTimeout(), repeats);
            async.setContext(context);
            async.setName(ASYNC_NAME);
            async.replaceAppenders(appenders);
            async.start();
            // Attached before the previous appenders go, so that no line falls between the two.
            root.addAppender(async);
        }
        detachAllBut(root, async);

        Level level = Level.toLevel(settings.level().name());
        root.setLevel(level);
        Level noisy = level.isGreaterOrEqual(Level.WARN) ? level : Level.WARN;
        for (String name : NOISY_LOGGERS) {
            context.getLogger(name).setLevel(noisy);
        }

        if (file != null && !file.isStarted()) {
            async.detachAppender(file);
            log.error("cannot write the log file {} ({}); logging to the console only",
                    file.activeFile(), lastError(context));
            file = null;
        }
        String where = file == null ? "stderr" : String.format(Locale.ROOT,
                "stderr and %s (rolled daily or at %d bytes; all log files together at most %d bytes)",
                file.activeFile(), settings.maxFileBytes(), settings.maxTotalBytes());
        log.info("logging at {} as {} to {}", settings.level().id(), settings.format().id(), where);
        return new LogHandle(async, root, file == null ? null : file.activeFile(), fileLost);
    }

    private static void validate(LogSettings settings) {
        if (settings.maxFileBytes() < MIN_FILE_BYTES) {
            throw new IllegalArgumentException("log.max_file_bytes is " + settings.maxFileBytes()
                    + " bytes; it must be at least " + MIN_FILE_BYTES + " (64KiB)");
        }
        if (settings.maxTotalBytes() / 2 < settings.maxFileBytes()) {
            throw new IllegalArgumentException("log.max_total_bytes (" + settings.maxTotalBytes()
                    + " bytes) must be at least twice log.max_file_bytes (" + settings.maxFileBytes()
                    + " bytes), so that a rolled file fits beside the active one");
        }
    }

    private static void prepare(Path logDir) {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("log directory " + logDir + " cannot be created: " + e, e);
        }
        if (!Files.isWritable(logDir)) {
            throw new UncheckedIOException(new IOException("log directory " + logDir + " is not writable"));
        }
        Path active = logDir.resolve(LogFileAppender.ACTIVE_FILE);
        if (Files.exists(active) && !Files.isWritable(active)) {
            throw new UncheckedIOException(new IOException("log file " + active + " is not writable"));
        }
    }

    private static Encoder<ILoggingEvent> encoder(LogSettings settings, int maxEventBytes) {
        if (settings.format() == LogSettings.Format.JSON) {
            // Shortened here, a stack trace keeps its top frames; cut by SizeCappedEncoder, only its first line.
            ShortenedThrowableConverter stackTrace = new ShortenedThrowableConverter();
            stackTrace.setMaxLength(maxEventBytes / 4);
            LogstashEncoder json = new LogstashEncoder();
            json.setThrowableConverter(stackTrace);
            json.setTimeZone("UTC");
            json.setTimestampPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX");
            json.setLineSeparator("UNIX");
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setPattern(TEXT_PATTERN);
        return text;
    }

    private static Appender<ILoggingEvent> console(LoggerContext context, OutputStream stream,
                                                   Encoder<ILoggingEvent> encoder) {
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> console;
        if (stream == null) {
            ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
            stderr.setTarget("System.err");
            console = stderr;
        } else {
            console = new OutputStreamAppender<>();
            // Stopping the appender closes its stream; the stream belongs to whoever passed it in.
            console.setOutputStream(new FilterOutputStream(stream) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            });
        }
        console.setContext(context);
        console.setName("CONSOLE");
        console.setEncoder(encoder);
        return console;
    }

    private static BoundedAsyncAppender ourAsync(Logger root) {
        Appender<ILoggingEvent> attached = root.getAppender(ASYNC_NAME);
        if (attached instanceof BoundedAsyncAppender async && async.isStarted()) {
            return async;
        }
        return null;
    }

    private static void detachAllBut(Logger root, Appender<ILoggingEvent> keep) {
        List<Appender<ILoggingEvent>> others = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> appender = it.next();
            if (appender != keep) {
                others.add(appender);
            }
        }
        for (Appender<ILoggingEvent> appender : others) {
            root.detachAppender(appender);
            appender.stop();
        }
    }

    private static String lastError(LoggerContext context) {
        List<Status> statuses = context.getStatusManager().getCopyOfStatusList();
        for (int i = statuses.size() - 1; i >= 0; i--) {
            Status status = statuses.get(i);
            if (status instanceof ErrorStatus) {
                Throwable cause = status.getThrowable();
                return cause == null ? status.getMessage() : status.getMessage() + ": " + cause;
            }
        }
        return "no reason given";
    }

    /**
     * What {@link #configure} works on; tests pass their own context, console stream and clock, and turn off
     * {@code collapseRepeats} to see every line of a flood.
     */
    record Environment(LoggerContext context, String userConfigFile, OutputStream console, TimeSource time,
                       int queueCapacity, Duration flushTimeout, boolean collapseRepeats) {
        Environment {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(flushTimeout, "flushTimeout");
        }
    }
}
