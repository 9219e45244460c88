package org.watchpost.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** What the network side cannot show: how many encoded bytes the reader takes before it stops. */
class BodyReaderTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aBombStopsAtTheCapAfterReadingLittle() throws IOException {
        byte[] bomb = gzipOfZeros(64L << 20);
        Counting wire = new Counting(bomb);

        BodyReader.Body body = BodyReader.read(wire, "gzip", bomb.length, false, 64 * 1024, TIMEOUT);

        assertThat(body.bytes()).hasSize(64 * 1024);
        assertThat(body.capped()).isTrue();
        assertThat(body.cut()).isNull();
        assertThat(wire.taken).isLessThan(bomb.length).isLessThanOrEqualTo(BodyReader.rawLimit(64 * 1024));
    }

    @Test
    void anEncodedStreamThatYieldsNothingStopsAtTheEncodedCap() {
        // Raw deflate made only of empty stored blocks: 5 bytes each, no output, as long as the server likes.
        byte[] endless = new byte[5 * 200_000];
        for (int i = 0; i < endless.length; i += 5) {
            endless[i + 3] = (byte) 0xFF;
            endless[i + 4] = (byte) 0xFF;
        }
        Counting wire = new Counting(endless);

        BodyReader.Body body = BodyReader.read(wire, "deflate", -1, true, 4096, TIMEOUT);

        assertThat(body.capped()).isTrue();
        assertThat(body.cut()).isNull();
        assertThat(body.bytes()).isEmpty();
        assertThat(wire.taken).isEqualTo(BodyReader.rawLimit(4096));
    }

    @Test
    void incompressibleGzipReadsAboutTheCapFromTheWire() throws IOException {
        byte[] page = new byte[4 << 20];
        new Random(42).nextBytes(page);
        byte[] gzipped = gzip(page);
        Counting wire = new Counting(gzipped);

        BodyReader.Body body = BodyReader.read(wire, "gzip", gzipped.length, false, 100_000, TIMEOUT);

        assertThat(body.bytes()).hasSize(100_000);
        assertThat(body.capped()).isTrue();
        assertThat(wire.taken).isLessThanOrEqualTo(BodyReader.rawLimit(100_000));
    }

    @Test
    void anEmptyBodyWithAnEncodingHeaderIsEmptyNotCut() {
        BodyReader.Body body = BodyReader.read(new Counting(new byte[0]), "gzip", 0, false, 1000, TIMEOUT);

        assertThat(body.bytes()).isEmpty();
        assertThat(body.complete()).isTrue();
    }

    @Test
    void aZeroCapReadsNothingButNoticesThePage() {
        BodyReader.Body body = BodyReader.read(new Counting(new byte[]{'x'}), null, 1, false, 0, TIMEOUT);

        assertThat(body.bytes()).isEmpty();
        assertThat(body.capped()).isTrue();
    }

    /** Test pages, compressed as a server would. */
    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] gzipOfZeros(long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] zeros = new byte[64 * 1024];
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            for (long written = 0; written < size; written += zeros.length) {
                gz.write(zeros);
            }
        }
        return out.toByteArray();
    }

    /** The wire: counts what the reader takes from it. */
    private static final class Counting extends FilterInputStream {
        long taken;

        Counting(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            taken += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            taken += Math.max(n, 0);
            return n;
        }
    }
}
