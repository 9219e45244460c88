package org.watchpost.agent.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

import java.nio.charset.StandardCharsets;
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
        byte[] full = withoutControls(delegate.encode(event));
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

    /**
     * The encoded event without terminal control sequences (see {@link ControlChars}): a page's text or a server's
     * message reaches the log through evidence and exception messages. The JSON layout escapes them already; this is
     * for the text layout, which would pass them on to the file and the terminal.
     */
    static byte[] withoutControls(byte[] encoded) {
        boolean suspicious = false;
        for (int i = 0; i < encoded.length; i++) {
            int b = encoded[i] & 0xFF;
            // Any C0 control but newline, tab and carriage return at a line end; DEL; and 0xC2, which starts C1.
            if ((b < 0x20 && b != '\n' && b != '\t' && b != '\r') || b == 0x7F || b == 0xC2) {
                suspicious = true;
                break;
            }
        }
        if (!suspicious) {
            return encoded;
        }
        String text = new String(encoded, StandardCharsets.UTF_8);
        boolean crlf = text.endsWith("\r\n");
        String clean = ControlChars.strip(crlf ? text.substring(0, text.length() - 2) : text);
        return (crlf ? clean + "\r\n" : clean).getBytes(StandardCharsets.UTF_8);
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
