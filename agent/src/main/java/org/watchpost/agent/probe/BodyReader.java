package org.watchpost.agent.probe;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Reads the first {@code maxBytes} of a response body after decoding gzip or deflate, and says how it ended.
 *
 * <p>Two caps keep one page from becoming our problem: at most {@code maxBytes + 1} decoded bytes are ever produced
 * (the extra byte tells a capped page from one that fits exactly), so a few KiB of gzip that inflate to gigabytes
 * stop at the cap; and at most {@link #rawLimit} encoded bytes are read from the network, so an encoded stream that
 * yields little output cannot keep us reading. Memory grows with what was read, never with what was declared.
 */
final class BodyReader {
    /** The largest body we hold; a byte array cannot be bigger, and no page needs to be. */
    static final int MAX_HELD = Integer.MAX_VALUE - 16;
    private static final int CHUNK = 8192;

    /**
     * @param bytes  the first decoded bytes, at most maxBytes
     * @param capped reading stopped at a cap; the page is longer (not a failure)
     * @param cut    why the body ended early, or null
     */
    record Body(byte[] bytes, boolean capped, String cut) {
        boolean complete() {
            return !capped && cut == null;
        }
    }

    private BodyReader() {
    }

    /**
     * @param raw             the body as it came over the wire (still encoded)
     * @param contentEncoding the Content-Encoding header, or null
     * @param declaredLength  the Content-Length, or -1
     * @param chunked         whether Transfer-Encoding was chunked, to say what was cut
     * @param timeout         the probe's budget, named when the body did not finish within it
     */
    static Body read(InputStream raw, String contentEncoding, long declaredLength, boolean chunked, long maxBytes,
                     Duration timeout) {
        int max = (int) Math.min(maxBytes, MAX_HELD - 1);
        List<Encoding> layers = Encoding.layers(contentEncoding);
        if (layers == null) {
            return new Body(new byte[0], false, "unsupported Content-Encoding '" + TransportErrors.shorten(
                    contentEncoding) + "'; Watchpost asks for gzip or deflate only");
        }
        boolean identity = layers.isEmpty();
        Encoding encoding = identity ? Encoding.IDENTITY : layers.get(layers.size() - 1);
        long rawLimit = identity ? Long.MAX_VALUE : rawLimit(max);
        CountingStream counted = new CountingStream(raw, rawLimit);
        Output out = new Output(max, identity ? declaredLength : -1);
        List<Inflater> inflaters = new ArrayList<>(layers.size());
        InputStream decoded = counted;
        try {
            // Content-Encoding lists the codings in the order they were applied ("deflate, deflate" is legal):
            // undone last first. Each layer is a stream, so a stack of them holds no more than one chunk each.
            for (int k = layers.size() - 1; k >= 0; k--) {
                BufferedInputStream buffered = new BufferedInputStream(decoded, CHUNK);
                buffered.mark(2);
                int b0 = buffered.read();
                int b1 = buffered.read();
                buffered.reset();
                if (b0 < 0) {
                    // An encoding header on an empty body (204, HEAD-style answers): nothing to decode.
                    return new Body(new byte[0], false, null);
                }
                if (layers.get(k) == Encoding.GZIP) {
                    decoded = new GZIPInputStream(buffered, CHUNK);
                } else {
                    Inflater inflater = new Inflater(!isZlibHeader(b0, b1));
                    inflaters.add(inflater);
                    decoded = new InflaterInputStream(buffered, inflater, CHUNK);
                }
            }
            copy(decoded, out);
            return new Body(out.bytes(), out.overflowed() || counted.limitReached(), null);
        } catch (IOException e) {
            if (counted.limitReached()) {
                return new Body(out.bytes(), true, null);
            }
            return new Body(out.bytes(), false,
                    cutReason(e, counted, encoding, declaredLength, chunked, timeout));
        } finally {
            // Frees the native inflaters; the wire stream is shielded from this close (see CountingStream).
            if (decoded != counted) {
                closeQuietly(decoded);
            }
            inflaters.forEach(Inflater::end);
        }
    }

    /** Encoded bytes we read at most: generous for real pages (gzip grows incompressible data by well under 1%). */
    static long rawLimit(int maxBytes) {
        return maxBytes + maxBytes / 4L + 16 * 1024L;
    }

    private static void copy(InputStream in, Output out) throws IOException {
        byte[] chunk = new byte[CHUNK];
        while (!out.overflowed()) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, out.room()));
            if (n < 0) {
                return;
            }
            out.write(chunk, n);
        }
    }

    private static String cutReason(IOException e, CountingStream counted, Encoding encoding, long declaredLength,
                                    boolean chunked, Duration timeout) {
        if (TransportErrors.isTimeout(e)) {
            return "body not complete within " + TransportErrors.human(timeout);
        }
        long got = counted.count();
        if (counted.failure() == null) {
            // The wire delivered a clean end; the decoder disagrees.
            if (e instanceof EOFException) {
                return encoding.label + " body ended early, after " + got + " bytes";
            }
            return "corrupt " + encoding.label + " body: " + TransportErrors.shorten(String.valueOf(e.getMessage()));
        }
        if (declaredLength >= 0) {
            return "body ended after " + got + " of " + declaredLength + " bytes (Content-Length)";
        }
        String detail = TransportErrors.shorten(String.valueOf(counted.failure().getMessage()));
        return (chunked ? "chunked body cut after " : "body cut after ") + got + " bytes: " + detail;
    }

    /** RFC 1950: deflate with a zlib wrapper starts with CM=8 and a header checksum; servers also send raw deflate. */
    private static boolean isZlibHeader(int b0, int b1) {
        return b1 >= 0 && (b0 & 0x0F) == 8 && ((b0 << 8) | b1) % 31 == 0;
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // Only the decoder's own resources are released here; there is nothing to report.
            }
        }
    }

    private enum Encoding {
        IDENTITY("identity"), GZIP("gzip"), DEFLATE("deflate");

        final String label;

        Encoding(String label) {
            this.label = label;
        }

        /** At most this many stacked codings are undone; more is no real server's doing. */
        static final int MAX_LAYERS = 3;

        /**
         * The codings of a Content-Encoding header in the order they were applied, identity left out; null when one
         * is a coding we did not ask for and cannot decode (br, zstd, compress) or there are too many.
         */
        static List<Encoding> layers(String header) {
            if (header == null) {
                return List.of();
            }
            List<Encoding> out = new ArrayList<>();
            for (String part : header.split(",")) {
                Encoding e = of(part);
                if (e == null || out.size() >= MAX_LAYERS) {
                    return null;
                }
                if (e != IDENTITY) {
                    out.add(e);
                }
            }
            return out;
        }

        /** Null for a coding we did not ask for and cannot decode (br, zstd). */
        static Encoding of(String header) {
            if (header == null) {
                return IDENTITY;
            }
            return switch (header.strip().toLowerCase(Locale.ROOT)) {
                case "", "identity" -> IDENTITY;
                case "gzip", "x-gzip" -> GZIP;
                case "deflate" -> DEFLATE;
                default -> null;
            };
        }
    }

    /** A byte buffer that grows as bytes arrive and holds at most max + 1 of them. */
    private static final class Output {
        private final int max;
        private byte[] buf;
        private int size;

        Output(int max, long declaredLength) {
            this.max = max;
            long initial = declaredLength >= 0 ? declaredLength + 1 : 16 * 1024;
            this.buf = new byte[(int) Math.min(Math.min(initial, 256 * 1024), max + 1L)];
        }

        long room() {
            return max + 1L - size;
        }

        boolean overflowed() {
            return size > max;
        }

        void write(byte[] b, int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(Math.max(buf.length * 2L, size + (long) n), max + 1L));
            }
            System.arraycopy(b, 0, buf, size, n);
            size += n;
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, Math.min(size, max));
        }
    }

    /**
     * Counts and limits the encoded bytes taken from the wire, remembers a failure of the wire itself (to tell a cut
     * connection from a corrupt encoding), and ignores close: decoders close their input, but the response is
     * closed by its owner, who may cancel the call first so that closing does not drain the rest of a huge body.
     */
    private static final class CountingStream extends FilterInputStream {
        private final long limit;
        private long count;
        private boolean limitReached;
        private IOException failure;

        CountingStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (count >= limit) {
                limitReached = true;
                return -1;
            }
            try {
                int n = in.read(b, off, (int) Math.min(len, limit - count));
                if (n > 0) {
                    count += n;
                }
                return n;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] sink = new byte[(int) Math.min(n, CHUNK)];
            int read = read(sink, 0, sink.length);
            return Math.max(read, 0);
        }

        @Override
        public int available() throws IOException {
            return count >= limit ? 0 : (int) Math.min(in.available(), limit - count);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() {
            // See the class comment: the owner of the response closes it.
        }

        long count() {
            return count;
        }

        boolean limitReached() {
            return limitReached;
        }

        IOException failure() {
            return failure;
        }
    }
}
