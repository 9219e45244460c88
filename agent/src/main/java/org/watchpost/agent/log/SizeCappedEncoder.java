package org.watchpost.agent.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

import java.util.Map;

/**
 * Keeps every encoded event within {@code maxEventBytes}. The log file's size bound relies on it: the file is rolled
 * before it could grow past its cap only if no single event is bigger than the room kept free for one.
 *
 * <p>An oversized event is written with its message cut short and its stack trace reduced to the exception's first
 * line, so that a text line stays one line and a JSON line stays parseable.
 */
final class SizeCappedEncoder extends EncoderBase<ILoggingEvent> {
    // UTF-8 needs at most 3 bytes for a char of a Java string and JSON at most 6 (\u001f); reserving 6 makes the
    // first shortening attempt fit whatever the characters are.
    private static final int WORST_BYTES_PER_CHAR = 6;

    private final Encoder<ILoggingEvent> delegate;
    private final int maxEventBytes;

    SizeCappedEncoder(Encoder<ILoggingEvent> delegate, int maxEventBytes) {
        if (maxEventBytes < 512) {
            throw new IllegalArgumentException("an event must be allowed at least 512 bytes, not " + maxEventBytes);
        }
        this.delegate = delegate;
        this.maxEventBytes = maxEventBytes;
    }

    int maxEventBytes() {
        return maxEventBytes;
    }

    @Override
    public void start() {
        delegate.setContext(getContext());
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        delegate.stop();
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] full = delegate.encode(event);
        if (full.length <= maxEventBytes) {
            return full;
        }
        String message = withThrowableSummary(event);
        String note = " [truncated: the event took " + full.length + " bytes, more than " + maxEventBytes + "]";
        int overhead = delegate.encode(copyOf(event, note, event.getMDCPropertyMap())).length;
        int room = (maxEventBytes - overhead) / WORST_BYTES_PER_CHAR;
        if (room > 0) {
            String cut = message.substring(0, Math.min(message.length(), room));
            if (cut.length() > 0 && Character.isHighSurrogate(cut.charAt(cut.length() - 1))) {
                cut = cut.substring(0, cut.length() - 1);
            }
            byte[] shortened = delegate.encode(copyOf(event, cut + note, event.getMDCPropertyMap()));
            if (shortened.length <= maxEventBytes) {
                return shortened;
            }
        }
        // Even the event's context (MDC, logger and thread names) is too big: keep only what fits for sure.
        byte[] minimal = delegate.encode(copyOf(event, "log event dropped: it took " + full.length
                + " bytes, more than " + maxEventBytes, Map.of()));
        return minimal.length <= maxEventBytes ? minimal : new byte[0];
    }

    private static String withThrowableSummary(ILoggingEvent event) {
        String message = String.valueOf(event.getFormattedMessage());
        IThrowableProxy throwable = event.getThrowableProxy();
        if (throwable == null) {
            return message;
        }
        return message + " (" + throwable.getClassName() + ": " + throwable.getMessage() + ")";
    }

    private static ILoggingEvent copyOf(ILoggingEvent event, String message, Map<String, String> mdc) {
        LoggingEvent copy = new LoggingEvent();
        copy.setLoggerContextRemoteView(event.getLoggerContextVO());
        copy.setInstant(event.getInstant());
        copy.setLevel(event.getLevel());
        copy.setLoggerName(event.getLoggerName());
        copy.setThreadName(event.getThreadName());
        copy.setMessage(message);
        copy.setMDCPropertyMap(mdc);
        return copy;
    }
}
