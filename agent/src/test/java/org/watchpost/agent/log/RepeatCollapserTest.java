package org.watchpost.agent.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.watchpost.agent.time.FakeTimeSource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Repeats as they reach the appenders behind a {@link BoundedAsyncAppender}; the clock moves only by hand. */
class RepeatCollapserTest {
    // Small where a test proves that suppressed events never enter the queue; roomy where every event must fit.
    private static final int SMALL_CAPACITY = 64;
    private static final int ROOMY_CAPACITY = 16_384;
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final int BURST = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String START = "2026-11-28T10:00:00Z";

    private final LoggerContext context = TestLogging.newContext();
    private final Logger logger = context.getLogger("org.watchpost.agent.probe.HttpProber");
    private final FakeTimeSource time = new FakeTimeSource();
    private final Recorder written = new Recorder();

    @AfterEach
    void stopContext() {
        MDC.clear();
        context.stop();
    }

    private BoundedAsyncAppender attached(int capacity, RepeatCollapser repeats, AppenderBase<ILoggingEvent> gate) {
        BoundedAsyncAppender async = new BoundedAsyncAppender(capacity, PATIENCE, repeats);
        async.setContext(context);
        if (gate != null) {
            gate.setContext(context);
            gate.start();
            async.addAppender(gate);
        }
        written.setContext(context);
        written.start();
        async.addAppender(written);
        async.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(async);
        return async;
    }

    private BoundedAsyncAppender attached(int maxKinds) {
        return attached(ROOMY_CAPACITY, new RepeatCollapser(time, WINDOW, BURST, maxKinds), null);
    }

    private static String summary(long count, String shown) {
        return "suppressed " + count + " similar messages in the 10s from " + START + ": " + shown;
    }

    private List<String> messages() {
        return written.events.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private List<String> summaries() {
        return messages().stream().filter(m -> m.startsWith("suppressed ")).toList();
    }

    @Test
    void aFloodOfOneWarningWritesTheFirstFewAndOneSummaryWithTheExactCount() {
        // The gate holds the worker, so that nothing leaves the queue during the flood: suppressed events must
        // never have entered it, or 10,000 would not fit in a queue of 64.
        StuckAppender gate = new StuckAppender();
        BoundedAsyncAppender async = attached(SMALL_CAPACITY, new RepeatCollapser(time, WINDOW, BURST, 1024), gate);
        int logged = 10_000;
        MDC.put("target", "unicri-news");
        for (int i = 0; i < logged; i++) {
            logger.warn("page shows {} (check {})", "SQLSTATE[HY000]: 1114 The table 'watchdog' is full", i);
            time.advance(Duration.ofNanos(WINDOW.toNanos() / (2L * logged)));
        }
        MDC.remove("target");
        gate.release();
        async.stop();

        assertThat(async.dropped()).isZero();
        assertThat(async.suppressed()).isEqualTo(logged - BURST);
        assertThat(messages()).containsExactly(
                "page shows SQLSTATE[HY000]: 1114 The table 'watchdog' is full (check 0)",
                "page shows SQLSTATE[HY000]: 1114 The table 'watchdog' is full (check 1)",
                "page shows SQLSTATE[HY000]: 1114 The table 'watchdog' is full (check 2)",
                summary(logged - BURST, "page shows SQLSTATE[HY000]: 1114 The table 'watchdog' is full (check " + (logged - 1) + ")"));
        long originals = written.events.size() - summaries().size();
        assertThat(originals + async.suppressed()).isEqualTo(logged);
        assertThat(written.events).last().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getLoggerName()).isEqualTo(logger.getName());
            assertThat(e.getMDCPropertyMap()).containsExactlyEntriesOf(Map.of("target", "unicri-news"));
        });
    }

    @Test
    void differentTargetsTemplatesLevelsAndLoggersAreNotMerged() {
        BoundedAsyncAppender async = attached(1024);
        Logger other = context.getLogger("org.watchpost.agent.schedule.Scheduler");
        for (int i = 0; i < 5; i++) {
            MDC.put("target", "unicri-news");
            logger.warn("slow answer: {} ms", i);
            MDC.put("target", "unicri-library");
            logger.warn("slow answer: {} ms", i);
            MDC.remove("target");
            logger.warn("slow answer: {} ms", i);
            logger.warn("slow answer after {} redirects", i);
            logger.info("slow answer: {} ms", i);
            other.warn("slow answer: {} ms", i);
        }
        async.stop();

        int kinds = 6;
        assertThat(async.suppressed()).isEqualTo(kinds * 2L);
        assertThat(written.events).hasSize(kinds * (BURST + 1));
        assertThat(written.events).filteredOn(e -> e.getFormattedMessage().startsWith("suppressed "))
                .hasSize(kinds)
                .allMatch(e -> e.getFormattedMessage().startsWith("suppressed 2 similar messages"))
                .anyMatch(e -> "unicri-news".equals(e.getMDCPropertyMap().get("target")))
                .anyMatch(e -> "unicri-library".equals(e.getMDCPropertyMap().get("target")))
                .anyMatch(e -> e.getLevel() == Level.INFO)
                .anyMatch(e -> e.getLoggerName().equals(other.getName()))
                .anyMatch(e -> e.getFormattedMessage().endsWith(": slow answer after 4 redirects"))
                .noneMatch(e -> e.getFormattedMessage().contains("{}"));
    }

    @Test
    void errorsWithDifferentMessagesAreNeverMerged() {
        BoundedAsyncAppender async = attached(1024);
        for (int i = 0; i < 50; i++) {
            logger.error("probe of {} crashed", "target-" + i);
        }
        for (int i = 0; i < 50; i++) {
            logger.error("probe crashed", new IllegalStateException("cause " + i));
        }
        for (int i = 0; i < 50; i++) {
            logger.error("probe crashed", new IllegalStateException("wrapper", new IOException("root " + i)));
        }
        async.stop();

        assertThat(async.suppressed()).isZero();
        assertThat(async.dropped()).isZero();
        assertThat(written.events).hasSize(150);
        assertThat(messages()).contains("probe of target-0 crashed", "probe of target-49 crashed");
    }

    @Test
    void identicalErrorsAreCollapsedAndTheSummaryShowsTheWholeMessage() {
        BoundedAsyncAppender async = attached(1024);
        for (int i = 0; i < 10; i++) {
            logger.error("probe of {} crashed", "unicri-news", new IllegalStateException("boom"));
        }
        async.stop();

        assertThat(messages()).containsExactly("probe of unicri-news crashed", "probe of unicri-news crashed",
                "probe of unicri-news crashed", summary(7, "probe of unicri-news crashed"));
        assertThat(written.events.get(0).getThrowableProxy()).as("written ones keep their stack trace").isNotNull();
        assertThat(written.events).last().extracting(ILoggingEvent::getLevel).isEqualTo(Level.ERROR);
    }

    @Test
    void aRepeatIsWrittenAgainOnceItsWindowHasEnded() {
        BoundedAsyncAppender async = attached(1024);
        for (int i = 0; i < 5; i++) {
            logger.warn("retrying {}", i);
        }
        time.advance(WINDOW.minusNanos(1));
        logger.warn("retrying {}", 5);
        time.advance(Duration.ofNanos(1));
        logger.warn("retrying {}", 6);
        logger.warn("retrying {}", 7);
        async.stop();

        assertThat(messages()).containsExactly("retrying 0", "retrying 1", "retrying 2",
                summary(3, "retrying 5"), "retrying 6", "retrying 7");
        assertThat(async.suppressed()).isEqualTo(3);
    }

    @Test
    void aFloodThatStopsIsSummarisedWithoutWaitingForAnotherEvent() {
        BoundedAsyncAppender async = attached(1024);
        for (int i = 0; i < 5; i++) {
            logger.warn("retrying {}", i);
        }
        time.advance(WINDOW.plusSeconds(1));

        await().atMost(PATIENCE).until(() -> summaries().size() == 1);
        assertThat(summaries()).containsExactly(summary(2, "retrying 4"));
        async.stop();
        assertThat(summaries()).as("stop() has nothing left to summarise").hasSize(1);
    }

    @Test
    void theTableOfKindsStaysWithinItsBoundAndAnEvictedKindIsSummarisedFirst() {
        int maxKinds = 16;
        RepeatCollapser repeats = new RepeatCollapser(time, WINDOW, BURST, maxKinds);
        BoundedAsyncAppender async = attached(ROOMY_CAPACITY, repeats, null);
        for (int i = 0; i < 5; i++) {
            logger.warn("disk almost full");
        }
        int distinct = 10_000;
        int largest = 0;
        for (int i = 0; i < distinct; i++) {
            logger.warn("one of many: " + i);
            largest = Math.max(largest, repeats.trackedKinds());
        }
        logger.warn("disk almost full");
        async.stop();

        assertThat(largest).isEqualTo(maxKinds);
        assertThat(async.dropped()).isZero();
        List<String> messages = messages();
        // Three written, then fifteen others fill the table; the sixteenth other evicts it.
        assertThat(messages.subList(0, 3)).containsOnly("disk almost full");
        assertThat(messages.get(3 + maxKinds - 2)).isEqualTo("one of many: " + (maxKinds - 2));
        assertThat(messages.get(3 + maxKinds - 1)).isEqualTo(summary(2, "disk almost full"));
        assertThat(messages.get(3 + maxKinds)).isEqualTo("one of many: " + (maxKinds - 1));
        assertThat(messages).last().isEqualTo("disk almost full");
        assertThat(summaries()).hasSize(1);
        assertThat(messages).hasSize(3 + distinct + 1 + 1);
        assertThat(async.suppressed()).isEqualTo(2);
    }

    @Test
    void stopWritesTheSummariesStillPending() {
        BoundedAsyncAppender async = attached(1024);
        for (int i = 0; i < 5; i++) {
            logger.warn("first kind");
        }
        for (int i = 0; i < 7; i++) {
            logger.info("second kind");
        }
        async.stop();

        assertThat(summaries()).containsExactlyInAnyOrder(summary(2, "first kind"), summary(4, "second kind"));
        assertThat(messages()).hasSize(2 * BURST + 2);
        assertThat(async.suppressed()).isEqualTo(6);
    }

    @Test
    void longMessagesThatDifferOnlyAtTheEndAreNotMergedAndTheirSummaryIsShort() {
        BoundedAsyncAppender async = attached(1024);
        String common = "x".repeat(50_000);
        for (int i = 0; i < 5; i++) {
            logger.warn(common + "a");
            logger.warn(common + "b");
        }
        async.stop();

        assertThat(async.suppressed()).isEqualTo(4);
        assertThat(messages()).filteredOn(m -> m.equals(common + "a")).hasSize(BURST);
        assertThat(messages()).filteredOn(m -> m.equals(common + "b")).hasSize(BURST);
        assertThat(summaries()).hasSize(2)
                .allMatch(m -> m.startsWith("suppressed 2 similar messages") && m.endsWith("x…"))
                .allMatch(m -> m.length() < 400);
    }

    @Test
    void impossibleLimitsAreRefused() {
        assertThatThrownBy(() -> new RepeatCollapser(time, Duration.ZERO, BURST, 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window must be positive");
        assertThatThrownBy(() -> new RepeatCollapser(time, WINDOW, 0, 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 event");
        assertThatThrownBy(() -> new RepeatCollapser(time, WINDOW, BURST, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 kind");
    }

    /** Keeps what reaches it; safe to read while the writer thread appends. */
    private static final class Recorder extends AppenderBase<ILoggingEvent> {
        final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            events.add(event);
        }
    }
}
