package org.watchpost.agent.log;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.MDC;

import java.util.concurrent.atomic.AtomicInteger;

/** Fresh Logback contexts, so that tests neither see nor disturb the JVM's own logging. */
final class TestLogging {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestLogging() {
    }

    static LoggerContext newContext() {
        LoggerContext context = new LoggerContext();
        context.setName("test-" + SEQUENCE.incrementAndGet());
        // Shares the MDC that org.slf4j.MDC writes to, as the JVM's own context does.
        context.setMDCAdapter(MDC.getMDCAdapter());
        context.start();
        return context;
    }

    static long liveWriterThreads(LoggerContext context) {
        String name = "watchpost-log-writer[" + context.getName() + "]";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals(name))
                .count();
    }
}
