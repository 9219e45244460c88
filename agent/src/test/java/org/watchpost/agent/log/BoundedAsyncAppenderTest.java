package org.watchpost.agent.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class BoundedAsyncAppenderTest {
    private static final int CAPACITY = 64;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final LoggerContext context = TestLogging.newContext();
    private final Logger logger = context.getLogger("org.watchpost.test");

    @AfterEach
    void stopContext() {
        context.stop();
    }

    @SafeVarargs
    private BoundedAsyncAppender attached(Duration flushTimeout, Appender<ILoggingEvent>... downstream) {
        BoundedAsyncAppender async = new BoundedAsyncAppender(CAPACITY, flushTimeout);
        async.setContext(context);
        for (Appender<ILoggingEvent> appender : downstream) {
            appender.setContext(context);
            appender.start();
            async.addAppender(appender);
        }
        async.start();
        logger.addAppender(async);
        return async;
    }

    @Test
    void aStuckDownstreamNeverBlocksTheCallerAndEveryLostEventIsCounted() {
        StuckAppender stuck = new StuckAppender();
        BoundedAsyncAppender async = attached(PATIENCE, stuck);
        long logged = 100L * CAPACITY;
        AtomicLong returned = new AtomicLong();

        Thread caller = new Thread(() -> {
            for (int i = 0; i < logged; i++) {
                logger.info("event {}", i);
                returned.incrementAndGet();
            }
        }, "caller");
        caller.start();

        await().atMost(PATIENCE).until(() -> !caller.isAlive());
        assertThat(returned).hasValue(logged);
        // The worker holds one event inside the stuck appender, and CAPACITY more wait: everything else is dropped.
        assertThat(async.dropped()).isBetween(logged - CAPACITY - 1, logged - CAPACITY);

        stuck.release();
        async.stop();

        assertThat(stuck.delivered() + async.dropped()).isEqualTo(logged);
        assertThat(stuck.delivered()).isGreaterThanOrEqualTo(CAPACITY);
    }

    @Test
    void stopWaitsUntilEverythingQueuedIsWritten() {
        StuckAppender gate = new StuckAppender();
        ListAppender<ILoggingEvent> written = new ListAppender<>();
        BoundedAsyncAppender async = attached(PATIENCE, gate, written);
        for (int i = 0; i < CAPACITY; i++) {
            logger.info("event {}", i);
        }

        Thread closer = new Thread(async::stop, "closer");
        closer.start();
        await().atMost(PATIENCE).until(() -> !async.isStarted());
        assertThat(written.list).as("nothing written while the gate is shut").isEmpty();
        gate.release();
        await().atMost(PATIENCE).until(() -> !closer.isAlive());

        assertThat(written.list).hasSize(CAPACITY);
        assertThat(written.list.get(CAPACITY - 1).getFormattedMessage()).isEqualTo("event " + (CAPACITY - 1));
        assertThat(async.dropped()).isZero();
        assertThat(async.workerAlive()).isFalse();
        assertThat(written.isStarted()).as("downstream stopped with the async appender").isFalse();
    }

    @Test
    void stopGivesUpOnAStuckDownstreamAndCountsWhatItLeavesBehind() {
        StuckAppender stuck = new StuckAppender();
        BoundedAsyncAppender async = attached(Duration.ofMillis(50), stuck);
        int logged = CAPACITY / 2;
        for (int i = 0; i < logged; i++) {
            logger.info("event {}", i);
        }
        await().atMost(PATIENCE).until(() -> stuckHoldsOne(async, logged));

        Thread closer = new Thread(async::stop, "closer");
        closer.start();
        await().atMost(PATIENCE).until(() -> !closer.isAlive());

        // One event is inside the stuck appender (neither written nor dropped yet); the rest were left behind.
        assertThat(async.dropped()).isEqualTo(logged - 1);
        assertThat(stuck.isStarted()).as("a stuck appender is left alone: stopping it would block").isTrue();
        stuck.release();
        await().atMost(PATIENCE).until(() -> !async.workerAlive());
        assertThat(stuck.delivered() + async.dropped()).isEqualTo(logged);
    }

    private static boolean stuckHoldsOne(BoundedAsyncAppender async, int logged) {
        return async.queued() == logged - 1;
    }

    @Test
    void anEventKeepsTheMessageAndMdcItHadWhenLogged() {
        StuckAppender gate = new StuckAppender();
        ListAppender<ILoggingEvent> written = new ListAppender<>();
        BoundedAsyncAppender async = attached(PATIENCE, gate, written);
        StringBuilder argument = new StringBuilder("before");
        MDC.put("target", "unicri-news");
        try {
            logger.info("value {}", argument);
        } finally {
            MDC.remove("target");
        }
        argument.setLength(0);
        argument.append("after");
        gate.release();

        async.stop();

        assertThat(written.list).singleElement().satisfies(e -> {
            assertThat(e.getFormattedMessage()).isEqualTo("value before");
            assertThat(e.getMDCPropertyMap()).containsEntry("target", "unicri-news");
        });
    }

    @Test
    void replacingAppendersStopsTheOldOnesAndKeepsTheQueueAndCounter() {
        StuckAppender stuck = new StuckAppender();
        BoundedAsyncAppender async = attached(PATIENCE, stuck);
        for (int i = 0; i < 3 * CAPACITY; i++) {
            logger.info("before {}", i);
        }
        long droppedBefore = async.dropped();
        ListAppender<ILoggingEvent> replacement = new ListAppender<>();
        replacement.setContext(context);

        Thread reloader = new Thread(() -> async.replaceAppenders(java.util.List.of(replacement)), "reloader");
        reloader.start();
        stuck.release();
        await().atMost(PATIENCE).until(() -> !reloader.isAlive());
        logger.info("after");
        async.stop();

        assertThat(stuck.isStarted()).isFalse();
        assertThat(async.dropped()).isEqualTo(droppedBefore);
        assertThat(stuck.delivered() + replacement.list.size() + async.dropped()).isEqualTo(3L * CAPACITY + 1);
        assertThat(replacement.list).last().extracting(ILoggingEvent::getFormattedMessage).isEqualTo("after");
    }

    @Test
    void rejectsAQueueWithoutRoom() {
        assertThatThrownBy(() -> new BoundedAsyncAppender(0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
