package org.watchpost.collector.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Reads at most {@code limit} bytes and before a deadline; one byte more, or a read after the deadline, fails with
 * {@link LimitExceeded} naming which. Wrapped around the body as sent and again around the inflated stream, this is
 * what makes a gzip bomb cost at most the inflated limit.
 */
final class BoundedInputStream extends FilterInputStream {
    /** Thrown from read(); an IOException so that parsers pass it through untouched. */
    static final class LimitExceeded extends IOException {
        private static final long serialVersionUID = 1L;
        final RejectReason reason;

        LimitExceeded(RejectReason reason, String message) {
            super(message, null);
            this.reason = reason;
        }
    }

    private final long limit;
    private final String what;
    private final LongSupplier nanoTime;
    private final long deadline;
    private long count;

    /**
     * @param what     names the limit in the message: "the request body"
     * @param deadline a {@code nanoTime} value after which reads fail, or {@code Long.MAX_VALUE}
     */
    BoundedInputStream(InputStream in, long limit, String what, LongSupplier nanoTime, long deadline) {
        super(in);
        this.limit = limit;
        this.what = what;
        this.nanoTime = nanoTime;
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (deadline != Long.MAX_VALUE && nanoTime.getAsLong() - deadline > 0) {
            throw new LimitExceeded(RejectReason.TIMEOUT, "the request took longer than the collector's request"
                    + " timeout");
        }
        // Ask for one byte past the limit, so that a body of exactly `limit` bytes passes and one more does not.
        long room = limit - count + 1;
        int n = super.read(b, off, (int) Math.min(len, room));
        if (n > 0) {
            count += n;
            if (count > limit) {
                throw new LimitExceeded(RejectReason.TOO_LARGE, what + " is larger than " + limit
                        + " bytes, the collector's limit");
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(8192, Math.max(0, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
