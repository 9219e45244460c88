package org.watchpost.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.zip.DeflaterOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.watchpost.agent.detect.Expect;
import org.watchpost.agent.detect.Baseline;
import org.watchpost.agent.detect.Detector;
import org.watchpost.agent.detect.DetectorSettings;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.time.TimeSource;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Verdict;

/**
 * Targets that misbehave on purpose, each probed through the real prober and classified by the real detector: every
 * one must end with the right class and within its timeout plus a small bound (measured by the probe's own
 * monotonic clock; the bound is generous so that a loaded machine does not make it flaky).
 */
@org.junit.jupiter.api.Timeout(60)
class HostileTargetsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration BOUND = TIMEOUT.plusSeconds(2);
    private static final Detector DETECTOR = new Detector(SignatureLibrary.builtIn(), DetectorSettings.DEFAULTS);

    private final MockWebServer server = new MockWebServer();
    private final HttpProber prober = new HttpProber(TimeSource.system());

    @AfterEach
    void stop() {
        server.close();
    }

    private URI start(MockResponse... responses) throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        for (MockResponse r : responses) {
            server.enqueue(r);
        }
        return URI.create("http://127.0.0.1:" + server.getPort() + "/");
    }

    private static CheckResult probe(HttpProber p, URI url) {
        ProbeResult r = p.probe(new ProbeRequest(url, TIMEOUT, 2L << 20, 5));
        assertThat(Duration.ofNanos(r.durationNanos())).as("ended within timeout + 2 s").isLessThan(BOUND);
        return DETECTOR.classify("t", r, Expect.DEFAULT, Baseline.NONE, java.time.Instant.now()).result();
    }

    private CheckResult probe(URI url) {
        return probe(prober, url);
    }

    @Test
    void aDnsServerThatNeverAnswersEndsAsATimeoutWithinTheProbesTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        Dns silent = host -> {
            try {
                never.await(); // the system resolver: cannot be interrupted by OkHttp's call timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new java.net.UnknownHostException(host);
        };
        HttpProber p = new HttpProber(HttpProber.defaultClient().newBuilder().dns(silent).build(), TimeSource.system());
        CheckResult r = probe(p, URI.create("http://silent-dns.example/"));
        assertThat(r.primaryClass()).isEqualTo(FailureClass.TIMEOUT);
        assertThat(r.findings().get(0).evidence()).isEqualTo("no DNS answer within 2s");
        never.countDown();
    }

    @Test
    void stackedDeflateIsDecoded() throws IOException {
        byte[] page = "<html><head><title>News</title></head><body>twice deflated</body></html>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] twice = deflate(deflate(page));
        URI url = start(new MockResponse.Builder().addHeader("Content-Encoding", "deflate, deflate")
                .body(new Buffer().write(twice)).build());
        CheckResult r = probe(url);
        assertThat(r.verdict()).as("%s", r).isEqualTo(Verdict.UP);
    }

    @Test
    void aSelfSignedCertificateIsATlsFailureThatSaysSo() throws IOException {
        HeldCertificate self = new HeldCertificate.Builder().commonName("self").addSubjectAlternativeName("127.0.0.1")
                .build();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(self).build().sslSocketFactory());
        start(new MockResponse.Builder().body("never seen").build());
        CheckResult r = probe(URI.create("https://127.0.0.1:" + server.getPort() + "/"));
        assertThat(r.primaryClass()).isEqualTo(FailureClass.TLS);
        assertThat(r.findings().get(0).evidence()).contains("not trusted");
    }

    @Test
    void aPrivateCaGivenAsTlsCaFileIsTrustedForThatTargetOnly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        long now = System.currentTimeMillis();
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("Intranet CA")
                .validityInterval(now - 3_600_000, now + 86_400_000L * 365).build();
        HeldCertificate leaf = new HeldCertificate.Builder().commonName("intranet")
                .addSubjectAlternativeName("127.0.0.1").signedBy(ca)
                .validityInterval(now - 3_600_000, now + 86_400_000L * 30).build();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf).build().sslSocketFactory());
        start(new MockResponse.Builder().body("<html><head><title>Intranet</title></head><body>ok</body></html>")
                        .build(),
                new MockResponse.Builder().body("never seen").build());
        java.nio.file.Path pem = java.nio.file.Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
        URI url = URI.create("https://127.0.0.1:" + server.getPort() + "/");

        ProbeResult trusted = prober.probe(new ProbeRequest(url, TIMEOUT, 2L << 20, 5, pem));
        assertThat(trusted.status()).as("%s", trusted.failure()).isEqualTo(200);
        ProbeResult other = prober.probe(new ProbeRequest(url, TIMEOUT, 2L << 20, 5));
        assertThat(other.failure().failureClass()).isEqualTo(FailureClass.TLS);
        assertThat(other.failure().message()).contains("not trusted");
        assertThat(TrustedCa.problem(dir.resolve("missing.pem"))).isEqualTo("names a file that does not exist");
        assertThat(TrustedCa.problem(java.nio.file.Files.writeString(dir.resolve("junk.pem"), "junk")))
                .contains("no PEM certificate");
    }

    @Test
    void aChainOfFiftyRedirectsStopsAtTheLimit() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        for (int i = 0; i < 50; i++) {
            server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/hop" + (i + 1)).build());
        }
        CheckResult r = probe(URI.create("http://127.0.0.1:" + server.getPort() + "/hop0"));
        assertThat(r.primaryClass()).isEqualTo(FailureClass.HTTP_STATUS);
        assertThat(r.findings().get(0).evidence()).contains("more than 5 redirects");
    }

    @Test
    void httpOneZeroWithoutALengthIsReadToTheEnd() throws IOException {
        try (RawHttpServer raw = new RawHttpServer("HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n"
                + "<html><head><title>Old</title></head><body>an old server</body></html>")) {
            CheckResult r = probe(raw.uri("/"));
            assertThat(r.verdict()).as("%s", r).isEqualTo(Verdict.UP);
        }
    }

    @Test
    void invalidChunkedEncodingIsACutBody() throws IOException {
        try (RawHttpServer raw = new RawHttpServer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\nZZZ\r\nnot a chunk\r\n")) {
            CheckResult r = probe(raw.uri("/"));
            assertThat(r.primaryClass()).isEqualTo(FailureClass.TRUNCATED);
        }
    }

    @Test
    void aConnectionResetMidBodyIsACutBody() throws IOException {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = ss.accept()) {
                    drainHead(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(5000))
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    s.setSoLinger(true, 0); // RST instead of FIN
                } catch (IOException e) {
                    // the test is over
                }
            });
            t.setDaemon(true);
            t.start();
            CheckResult r = probe(URI.create("http://127.0.0.1:" + ss.getLocalPort() + "/"));
            assertThat(r.primaryClass()).isEqualTo(FailureClass.TRUNCATED);
        }
    }

    @Test
    void oneAndTenMegabyteHeadersAndAMalformedStatusLineSayWhatTheyAre() throws IOException {
        for (int size : new int[] {1 << 20, 10 << 20}) {
            try (RawHttpServer raw = new RawHttpServer("HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(size)
                    + "\r\nContent-Length: 2\r\n\r\nok")) {
                CheckResult r = probe(raw.uri("/"));
                // No class fits better among the transport classes; the evidence says what happened.
                assertThat(r.primaryClass()).isEqualTo(FailureClass.CONNECT);
                assertThat(r.findings().get(0).evidence()).as("%d bytes of header", size)
                        .isEqualTo("the response headers are larger than 256 KiB: not an HTTP response Watchpost "
                                + "can read");
            }
        }
        try (RawHttpServer raw = new RawHttpServer("HTTP/1.1 2OO OK\r\nContent-Length: 2\r\n\r\nok")) {
            CheckResult r = probe(raw.uri("/"));
            assertThat(r.findings().get(0).evidence())
                    .isEqualTo("not a valid HTTP response: Unexpected status line: HTTP/1.1 2OO OK");
        }
    }

    @Test
    void connectionRefusedIsAConnectFailure() throws IOException {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        CheckResult r = probe(URI.create("http://127.0.0.1:" + port + "/"));
        assertThat(r.primaryClass()).isEqualTo(FailureClass.CONNECT);
    }

    private static void drainHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b = in.read(); b >= 0 && matched < 4; b = in.read()) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return;
            }
        }
    }

    private static byte[] deflate(byte[] in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(b)) {
            d.write(in);
        }
        return b.toByteArray();
    }
}
