package org.watchpost.agent.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.recovery.RecoveryListener;
import ch.qos.logback.core.recovery.ResilientOutputStreamBase;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.RolloverFailure;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import org.watchpost.agent.time.TimeSource;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code DIR/agent.log}, rolled daily (UTC) and by size into {@code DIR/agent.YYYY-MM-DD.N.log}, with the active
 * file and its archives together never larger than {@code maxTotalBytes}.
 *
 * <p>How the bound holds: every event is at most {@code maxEventBytes} (the {@link SizeCappedEncoder}), and Logback
 * rolls before a write once the file has reached {@code maxFileBytes - maxEventBytes}, so the active file stays within
 * {@code maxFileBytes}. Right after each roll, the oldest archives are deleted until the archives fit in
 * {@code maxTotalBytes - maxFileBytes}. Logback's own {@code totalSizeCap} is not used: it runs later on a shared
 * executor (the directory overshoots meanwhile) and only looks back {@code maxHistory} periods.
 *
 * <p>When the disk is full or failing, Logback's stream swallows the error and retries later (backing off from 20 ms
 * up to about 5 minutes); every event that did not reach the file meanwhile is counted in {@code lost}, and the
 * other appenders carry on.
 *
 * <p>Everything here is set up and checked in {@link #start()}, so that a reload can build the appender while the old
 * one still owns the file, and start it only after the old one has stopped.
 */
final class LogFileAppender extends RollingFileAppender<ILoggingEvent> {
    static final String ACTIVE_FILE = "agent.log";
    private static final Pattern ARCHIVE = Pattern.compile("agent\\.(\\d{4}-\\d{2}-\\d{2})\\.(\\d+)\\.log");

    private final Path dir;
    private final long maxFileBytes;
    private final long maxTotalBytes;
    private final SizeCappedEncoder cappedEncoder;
    private final TimeSource time;
    private final LongAdder lost;
    // True from a failed write until the stream next writes successfully; Logback drops every event in between.
    private volatile boolean failing;
    private static final long EXISTS_CHECK_NANOS = 1_000_000_000L;
    private long lastExistsCheck = Long.MIN_VALUE;
    private final RecoveryListener recovery = new RecoveryListener() {
        @Override
        public void newFailure(IOException e) {
            failing = true;
        }

        @Override
        public void recoveryOccured() {
            failing = false;
        }
    };

    /**
     * @param lost counts the events this file could not take (disk full, I/O error); shared across reloads
     */
    LogFileAppender(Path dir, long maxFileBytes, long maxTotalBytes, SizeCappedEncoder encoder, TimeSource time,
                    LongAdder lost) {
        if (encoder.maxEventBytes() >= maxFileBytes) {
            throw new IllegalArgumentException("an event cap of " + encoder.maxEventBytes()
                    + " bytes leaves no room in a log file of " + maxFileBytes + " bytes");
        }
        this.dir = dir.toAbsolutePath();
        this.maxFileBytes = maxFileBytes;
        this.maxTotalBytes = maxTotalBytes;
        this.cappedEncoder = encoder;
        this.time = time;
        this.lost = lost;
        setName("FILE");
        setFile(this.dir.resolve(ACTIVE_FILE).toString());
    }

    Path activeFile() {
        return dir.resolve(ACTIVE_FILE);
    }

    @Override
    public void setOutputStream(OutputStream stream) {
        // Called at start and after every roll: each new stream starts clean and must report its failures here.
        if (stream instanceof ResilientOutputStreamBase resilient) {
            resilient.addRecoveryListener(recovery);
        }
        failing = false;
        super.setOutputStream(stream);
    }

    /**
     * A log directory deleted under the running agent (by hand or by a clean-up job) would leave the stream writing
     * into an unlinked file for as long as the agent runs, every line lost and nothing counted. Checked at most once a
     * second, before a write: the directory and the file are created again and the stream moves to the new file.
     */
    private void reopenIfDeleted() {
        long now = time.nanoTime();
        if (lastExistsCheck != Long.MIN_VALUE && now - lastExistsCheck < EXISTS_CHECK_NANOS) {
            return;
        }
        lastExistsCheck = now;
        Path active = activeFile();
        if (Files.exists(active)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            openFile(getFile());
            addWarn("the log file " + active + " was deleted while the agent ran; created it again");
        } catch (IOException e) {
            // The write below fails as well and counts the event lost; tried again in a second.
            addError("the log file " + active + " was deleted and cannot be created again", e);
        }
    }

    @Override
    protected void writeOut(ILoggingEvent event) throws IOException {
        reopenIfDeleted();
        // Called after any roll, so a fresh file is judged on its own. A stream already failing skips the write
        // (even the one that reopens the file, which then reports a recovery): that event is lost too.
        boolean wasFailing = failing;
        try {
            super.writeOut(event);
        } catch (IOException e) {
            lost.increment();
            throw e;
        }
        if (wasFailing || failing) {
            lost.increment();
        }
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        cappedEncoder.setContext(getContext());
        cappedEncoder.start();
        setEncoder(cappedEncoder);

        CappedRollingPolicy policy = new CappedRollingPolicy();
        policy.setContext(getContext());
        policy.setParent(this);
        policy.setFileNamePattern(dir.resolve("agent.%d{yyyy-MM-dd, UTC}.%i.log").toString());
        policy.setMaxFileSize(new FileSize(maxFileBytes - cappedEncoder.maxEventBytes()));
        setRollingPolicy(policy);
        // Archives left by an earlier run or a bigger cap must fit the current cap before anything is written.
        policy.capArchives();
        policy.start();
        super.start();
    }

    private final class CappedRollingPolicy extends SizeAndTimeBasedRollingPolicy<ILoggingEvent> {
        @Override
        public boolean isTriggeringEvent(File activeFile, ILoggingEvent event) {
            getTimeBasedFileNamingAndTriggeringPolicy().setCurrentTime(time.now().toEpochMilli());
            return super.isTriggeringEvent(activeFile, event);
        }

        @Override
        public void rollover() throws RolloverFailure {
            super.rollover();
            File active = activeFile().toFile();
            // Logback reopens the same file when its rename fails, and the file would then grow without bound.
            if (active.exists() && !active.delete()) {
                addError("could not roll or delete " + active + "; it may grow past " + maxFileBytes + " bytes");
            }
            capArchives();
        }

        void capArchives() {
            long budget = maxTotalBytes - maxFileBytes;
            long kept = 0;
            for (Archive archive : archivesNewestFirst()) {
                kept += archive.bytes;
                if (kept > budget) {
                    try {
                        Files.deleteIfExists(archive.path);
                    } catch (IOException e) {
                        addError("could not delete old log file " + archive.path, e);
                    }
                }
            }
        }

        private List<Archive> archivesNewestFirst() {
            List<Archive> archives = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(path -> {
                    Matcher m = ARCHIVE.matcher(path.getFileName().toString());
                    if (m.matches() && Files.isRegularFile(path)) {
                        archives.add(new Archive(path, m.group(1), Long.parseLong(m.group(2)), path.toFile().length()));
                    }
                });
            } catch (IOException | RuntimeException e) {
                addError("could not list log directory " + dir, e);
            }
            archives.sort(Comparator.comparing(Archive::day).thenComparingLong(Archive::index).reversed());
            return archives;
        }
    }

    private record Archive(Path path, String day, long index, long bytes) {
    }
}
