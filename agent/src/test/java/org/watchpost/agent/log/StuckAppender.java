package org.watchpost.agent.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/** A downstream appender that hangs, like a full pipe or a stalled disk, until the test releases it. */
final class StuckAppender extends AppenderBase<ILoggingEvent> {
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicLong delivered = new AtomicLong();

    void release() {
        release.countDown();
    }

    long delivered() {
        return delivered.get();
    }

    @Override
    protected void append(ILoggingEvent event) {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        delivered.incrementAndGet();
    }
}
