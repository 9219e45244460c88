package org.watchpost.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.watchpost.agent.time.FakeTimeSource;
import org.watchpost.agent.time.TimeSource;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Version;

class HttpProberTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long MAX_BODY = 2L << 20;

    private final MockWebServer server = new MockWebServer();
    private final HttpProber prober = new HttpProber(TimeSource.system());

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    private static ProbeRequest get(URI url) {
        return new ProbeRequest(url, TIMEOUT, MAX_BODY, 5);
    }

    private static String text(ProbeResult r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Nested
    class Response {
        @Test
        void statusHeadersAndBodyAreReturned() {
            server.enqueue(new MockResponse.Builder().code(503)
                    .addHeader("X-Drupal-Cache", "MISS")
                    .addHeader("Set-Cookie", "a=1")
                    .addHeader("set-cookie", "b=2")
                    .body("<h1>The website encountered an unexpected error.</h1>")
                    .build());

            ProbeResult r = prober.probe(get(url("/news")));

            assertThat(r.failure()).isNull();
            assertThat(r.status()).isEqualTo(503);
            assertThat(text(r)).isEqualTo("<h1>The website encountered an unexpected error.</h1>");
            assertThat(r.contentLength()).isEqualTo(r.body().length);
            assertThat(r.headers()).containsEntry("x-drupal-cache", List.of("MISS"))
                    .containsEntry("set-cookie", List.of("a=1", "b=2"));
            assertThat(r.headers().keySet()).allMatch(name -> name.equals(name.toLowerCase()));
            assertThat(r.url()).isEqualTo(url("/news"));
            assertThat(r.finalUrl()).isEqualTo(url("/news"));
            assertThat(r.redirects()).isZero();
            assertThat(r.redirectError()).isNull();
            assertThat(r.bodyCapped()).isFalse();
            assertThat(r.bodyCut()).isNull();
            assertThat(r.tls()).isNull();
        }

        @Test
        void headersKeepTheirArrivalOrder() {
            server.enqueue(new MockResponse.Builder().clearHeaders()
                    .addHeader("Zeta", "1").addHeader("Alpha", "2").addHeader("Mid", "3").addHeader("zeta", "4")
                    .body("x").build());

            ProbeResult r = prober.probe(get(url("/")));

            assertThat(r.headers().keySet()).startsWith("zeta", "alpha", "mid");
            assertThat(r.headers().get("zeta")).containsExactly("1", "4");
        }

        @Test
        void requestNamesWatchpostAndAsksForHtmlAndTheEncodingsWeDecode() throws InterruptedException {
            server.enqueue(new MockResponse.Builder().body("ok").build());

            prober.probe(get(url("/")));

            RecordedRequest sent = server.takeRequest();
            assertThat(sent.getMethod()).isEqualTo("GET");
            assertThat(sent.getHeaders().get("User-Agent"))
                    .isEqualTo(Version.userAgent())
                    .startsWith("Watchpost/" + Version.current());
            assertThat(sent.getHeaders().get("Accept")).isEqualTo("text/html,application/xhtml+xml,*/*;q=0.8");
            assertThat(sent.getHeaders().get("Accept-Encoding")).isEqualTo("gzip, deflate");
        }

        @Test
        void startedAtComesFromTheTimeSource() {
            FakeTimeSource clock = new FakeTimeSource(Instant.parse("2026-12-01T08:00:00Z"));
            server.enqueue(new MockResponse.Builder().body("ok").build());

            ProbeResult r = new HttpProber(clock).probe(get(url("/")));

            assertThat(r.startedAt()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
            assertThat(r.status()).isEqualTo(200);
        }
    }

    @Nested
    class Phases {
        @Test
        void phasesAddUpToTheTotal() {
            server.enqueue(new MockResponse.Builder().body("x".repeat(50_000)).build());

            ProbeResult r = prober.probe(get(url("/")));

            assertAddsUp(r);
            assertThat(r.phases().connectNanos()).isPositive();
            assertThat(r.phases().processingNanos()).isPositive();
        }

        @Test
        void serverThinkingTimeIsProcessing() {
            server.enqueue(new MockResponse.Builder().headersDelay(300, TimeUnit.MILLISECONDS).body("late").build());

            ProbeResult r = prober.probe(get(url("/")));

            assertThat(r.phases().processingNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
            assertAddsUp(r);
        }

        @Test
        void phasesSumOverRedirectHops() {
            server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/b")
                    .headersDelay(200, TimeUnit.MILLISECONDS).build());
            server.enqueue(new MockResponse.Builder().headersDelay(200, TimeUnit.MILLISECONDS).body("b").build());

            ProbeResult r = prober.probe(get(url("/a")));

            assertThat(r.redirects()).isEqualTo(1);
            assertThat(r.phases().processingNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(400).toNanos());
            assertAddsUp(r);
        }

        @Test
        void slowBodyIsTransfer() {
            // 900ms of pauses between the headers and the last byte; the bound leaves room for a client that
            // reads the headers late, which shortens what it can see of the transfer.
            server.enqueue(new MockResponse.Builder().body("y".repeat(1000))
                    .throttleBody(100, 100, TimeUnit.MILLISECONDS).build());

            ProbeResult r = prober.probe(get(url("/")));

            assertThat(r.body()).hasSize(1000);
            assertThat(r.phases().transferNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(500).toNanos());
            assertThat(r.phases().transferNanos()).isGreaterThan(r.phases().processingNanos());
            assertAddsUp(r);
        }

        @Test
        void everyProbeOpensAFreshConnection() throws InterruptedException {
            server.enqueue(new MockResponse.Builder().body("one").build());
            server.enqueue(new MockResponse.Builder().body("two").build());
            server.enqueue(new MockResponse.Builder().body("three").build());

            prober.probe(get(url("/")));
            ProbeResult second = prober.probe(get(url("/")));
            prober.probe(get(url("/")));

            RecordedRequest[] seen = {server.takeRequest(), server.takeRequest(), server.takeRequest()};
            assertThat(seen).extracting(RecordedRequest::getConnectionIndex).doesNotHaveDuplicates();
            assertThat(seen).extracting(RecordedRequest::getExchangeIndex).containsOnly(0);
            assertThat(second.phases().connectNanos()).isPositive();
        }

        private void assertAddsUp(ProbeResult r) {
            long sum = r.phases().totalNanos();
            long margin = Math.max(r.durationNanos() / 20, Duration.ofMillis(5).toNanos());
            assertThat(Math.abs(sum - r.durationNanos())).isLessThanOrEqualTo(margin);
            assertThat(r.durationNanos()).isPositive();
        }
    }

    @Nested
    class Redirects {
        @Test
        void followsAndCountsRedirectsAndResolvesRelativeLocations() throws InterruptedException {
            server.enqueue(new MockResponse.Builder().code(301).setHeader("Location", url("/en/") .toString()).build());
            server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "news/latest").build());
            server.enqueue(new MockResponse.Builder().code(307).setHeader("Location", "../fr/actualites?p=1").build());
            server.enqueue(new MockResponse.Builder().body("final page").build());

            ProbeResult r = prober.probe(get(url("/")));

            assertThat(r.status()).isEqualTo(200);
            assertThat(text(r)).isEqualTo("final page");
            assertThat(r.redirects()).isEqualTo(3);
            assertThat(r.redirectError()).isNull();
            assertThat(r.url()).isEqualTo(url("/"));
            assertThat(r.finalUrl()).isEqualTo(url("/en/fr/actualites?p=1"));
            server.takeRequest();
            server.takeRequest();
            assertThat(server.takeRequest().getTarget()).isEqualTo("/en/news/latest");
            assertThat(server.takeRequest().getTarget()).isEqualTo("/en/fr/actualites?p=1");
        }

        @Test
        void aLoopStopsAtTheFirstRepeatedUrl() {
            server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/y").build());
            server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/x")
                    .addHeader("X-Hop", "last").build());

            ProbeResult r = prober.probe(get(url("/x")));

            String x = url("/x").toString();
            String y = url("/y").toString();
            assertThat(r.redirectError()).isEqualTo("redirect loop: " + x + " → " + y + " → " + x);
            assertThat(r.status()).isEqualTo(302);
            assertThat(r.header("x-hop")).isEqualTo("last");
            assertThat(r.finalUrl()).isEqualTo(url("/y"));
            assertThat(r.redirects()).isEqualTo(1);
            assertThat(r.failure()).isNull();
            assertThat(server.getRequestCount()).isEqualTo(2);
        }

        @Test
        void tooManyRedirectsStopAtTheLimit() {
            for (int i = 0; i < 4; i++) {
                server.enqueue(new MockResponse.Builder().code(301).setHeader("Location", "/r" + (i + 1)).build());
            }

            ProbeResult r = prober.probe(new ProbeRequest(url("/r0"), TIMEOUT, MAX_BODY, 2));

            assertThat(r.redirectError()).isEqualTo("more than 2 redirects");
            assertThat(r.redirects()).isEqualTo(2);
            assertThat(r.status()).isEqualTo(301);
            assertThat(r.header("location")).isEqualTo("/r3");
            assertThat(r.finalUrl()).isEqualTo(url("/r2"));
            assertThat(server.getRequestCount()).isEqualTo(3);
        }

        @Test
        void aRedirectWithoutLocationIsAnError() {
            server.enqueue(new MockResponse.Builder().code(302).body("moved somewhere").build());

            ProbeResult r = prober.probe(get(url("/")));

            assertThat(r.redirectError()).isEqualTo("redirect without a Location header");
            assertThat(r.status()).isEqualTo(302);
            assertThat(text(r)).isEqualTo("moved somewhere");
        }

        @Test
        void onlyHttpLocationsAreFollowed() {
            server.enqueue(new MockResponse.Builder().code(301).setHeader("Location", "ftp://files.example/x").build());

            ProbeResult r = prober.probe(get(url("/")));

            assertThat(r.redirectError()).isEqualTo("redirect to an unusable location: ftp://files.example/x");
            assertThat(r.redirects()).isZero();
            assertThat(server.getRequestCount()).isEqualTo(1);
        }

        @Test
        void notModifiedIsNotARedirect() {
            server.enqueue(new MockResponse.Builder().code(304).setHeader("Location", "/elsewhere").build());

            ProbeResult r = prober.probe(get(url("/")));

            assertThat(r.status()).isEqualTo(304);
            assertThat(r.redirects()).isZero();
            assertThat(r.redirectError()).isNull();
        }
    }

    @Nested
    class Body {
        @Test
        void aLongPageIsCappedNotFailed() {
            String page = "0123456789".repeat(1000);
            server.enqueue(new MockResponse.Builder().body(page).build());

            ProbeResult r = prober.probe(new ProbeRequest(url("/"), TIMEOUT, 1000, 5));

            assertThat(r.bodyCapped()).isTrue();
            assertThat(r.bodyCut()).isNull();
            assertThat(r.body()).hasSize(1000);
            assertThat(text(r)).isEqualTo(page.substring(0, 1000));
            assertThat(r.contentLength()).isEqualTo(10_000);
        }

        @Test
        void aPageOfExactlyTheCapIsComplete() {
            server.enqueue(new MockResponse.Builder().body("a".repeat(1000)).build());

            ProbeResult r = prober.probe(new ProbeRequest(url("/"), TIMEOUT, 1000, 5));

            assertThat(r.bodyCapped()).isFalse();
            assertThat(r.body()).hasSize(1000);
        }

        @Test
        void gzipIsDecoded() throws IOException {
            server.enqueue(new MockResponse.Builder().addHeader("Content-Encoding", "gzip")
                    .body(new Buffer().write(
                            BodyReaderTest.gzip("<title>SQLSTATE[HY000]</title>".getBytes(StandardCharsets.UTF_8))))
                    .build());

            ProbeResult r = prober.probe(get(url("/")));

            assertThat(text(r)).isEqualTo("<title>SQLSTATE[HY000]</title>");
            assertThat(r.bodyCut()).isNull();
            assertThat(r.header("content-encoding")).isEqualTo("gzip");
        }

        @Test
        void zlibWrappedDeflateIsDecoded() throws IOException {
            server.enqueue(new MockResponse.Builder().addHeader("Content-Encoding", "deflate")
                    .body(new Buffer().write(deflate("zlib wrapped page", false))).build());

            ProbeResult r = prober.probe(get(url("/")));

            assertThat(text(r)).isEqualTo("zlib wrapped page");
            assertThat(r.bodyCut()).isNull();
        }

        @Test
        void rawDeflateIsDecoded() throws IOException {
            server.enqueue(new MockResponse.Builder().addHeader("Content-Encoding", "deflate")
                    .body(new Buffer().write(deflate("raw deflate page", true))).build());

            ProbeResult r = prober.probe(get(url("/")));

            assertThat(text(r)).isEqualTo("raw deflate page");
            assertThat(r.bodyCut()).isNull();
        }

        @Test
        void aGzipBombStopsAtTheCap() throws IOException {
            byte[] bomb = BodyReaderTest.gzipOfZeros(64L << 20);
            assertThat(bomb.length).isLessThan(256 * 1024);
            server.enqueue(new MockResponse.Builder().addHeader("Content-Encoding", "gzip")
                    .body(new Buffer().write(bomb)).build());

            CompletableFuture<ProbeResult> probe = CompletableFuture.supplyAsync(
                    () -> prober.probe(new ProbeRequest(url("/"), TIMEOUT, 64 * 1024, 5)));

            await().atMost(Duration.ofSeconds(5)).until(probe::isDone);
            ProbeResult r = probe.join();
            assertThat(r.bodyCapped()).isTrue();
            assertThat(r.bodyCut()).isNull();
            assertThat(r.body()).hasSize(64 * 1024).containsOnly((byte) 0);
        }

        @Test
        void corruptGzipIsACutBody() {
            server.enqueue(new MockResponse.Builder().addHeader("Content-Encoding", "gzip")
                    .body("this is not gzip").build());

            ProbeResult r = prober.probe(get(url("/")));

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyCut()).startsWith("corrupt gzip body");
            assertThat(r.failure()).isNull();
        }

        @Test
        void gzipThatStopsHalfwayIsACutBody() throws IOException {
            byte[] whole = BodyReaderTest.gzip("x".repeat(5000).getBytes(StandardCharsets.UTF_8));
            byte[] half = Arrays.copyOf(whole, whole.length / 2);
            server.enqueue(new MockResponse.Builder().addHeader("Content-Encoding", "gzip")
                    .body(new Buffer().write(half)).build());

            ProbeResult r = prober.probe(get(url("/")));

            assertThat(r.bodyCut()).startsWith("gzip body ended early");
        }

        @Test
        void anEncodingWeDidNotAskForIsACutBody() {
            server.enqueue(new MockResponse.Builder().addHeader("Content-Encoding", "br").body("\u000b\u0001").build());

            ProbeResult r = prober.probe(get(url("/")));

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyCut())
                    .isEqualTo("unsupported Content-Encoding 'br'; Watchpost asks for gzip or deflate only");
        }

        @Test
        void contentLengthNotMetIsACutBodyKeepingWhatArrived() throws IOException {
            try (RawHttpServer raw = new RawHttpServer("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n"
                    + "Content-Type: text/html\r\n\r\n<html><body>Half a pa")) {

                ProbeResult r = prober.probe(get(raw.uri("/")));

                assertThat(r.status()).isEqualTo(200);
                assertThat(r.failure()).isNull();
                assertThat(r.bodyCut()).isEqualTo("body ended after 21 of 1000 bytes (Content-Length)");
                assertThat(text(r)).isEqualTo("<html><body>Half a pa");
                assertThat(r.contentLength()).isEqualTo(1000);
            }
        }

        @Test
        void aChunkedStreamCutInTheMiddleIsACutBody() throws IOException {
            try (RawHttpServer raw = new RawHttpServer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "a\r\n0123456789\r\n" + "40\r\nand then the PHP process di")) {

                ProbeResult r = prober.probe(get(raw.uri("/")));

                assertThat(r.status()).isEqualTo(200);
                assertThat(r.bodyCut()).startsWith("chunked body cut after 37 bytes");
                assertThat(text(r)).isEqualTo("0123456789and then the PHP process di");
                assertThat(r.contentLength()).isEqualTo(-1);
            }
        }

        @Test
        void aBodySlowerThanTheTimeoutIsCutWithinIt() {
            server.enqueue(new MockResponse.Builder().body("z".repeat(100))
                    .throttleBody(1, 1, TimeUnit.SECONDS).build());

            CompletableFuture<ProbeResult> probe = CompletableFuture.supplyAsync(
                    () -> prober.probe(new ProbeRequest(url("/"), Duration.ofMillis(1500), MAX_BODY, 5)));

            await().atMost(Duration.ofSeconds(5)).until(probe::isDone);
            ProbeResult r = probe.join();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyCut()).isEqualTo("body not complete within 1500ms");
            assertThat(r.body().length).isLessThan(100);
        }
    }

    @Nested
    class TransportFailures {
        @Test
        void noHeadersWithinTheTimeoutIsATimeout() {
            server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

            CompletableFuture<ProbeResult> probe = CompletableFuture.supplyAsync(
                    () -> prober.probe(new ProbeRequest(url("/"), Duration.ofSeconds(1), MAX_BODY, 5)));

            await().atMost(Duration.ofSeconds(4)).until(probe::isDone);
            ProbeResult r = probe.join();
            assertThat(r.failure()).isEqualTo(new TransportFailure(FailureClass.TIMEOUT, "no response within 1s"));
            assertThat(r.status()).isEqualTo(-1);
            assertThat(r.responded()).isFalse();
            assertThat(r.phases().processingNanos()).isPositive();
        }

        @Test
        void theTimeoutBoundsAllRedirectHopsTogether() {
            server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/b")
                    .headersDelay(400, TimeUnit.MILLISECONDS).build());
            server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/c")
                    .headersDelay(400, TimeUnit.MILLISECONDS).build());
            server.enqueue(new MockResponse.Builder().body("c").headersDelay(400, TimeUnit.MILLISECONDS).build());

            CompletableFuture<ProbeResult> probe = CompletableFuture.supplyAsync(
                    () -> prober.probe(new ProbeRequest(url("/a"), Duration.ofMillis(1000), MAX_BODY, 5)));

            // Each hop fits in the budget on its own; together the server's delays alone exceed it.
            await().atMost(Duration.ofSeconds(3)).until(probe::isDone);
            ProbeResult r = probe.join();
            assertThat(r.failure()).isNotNull();
            assertThat(r.failure().failureClass()).isEqualTo(FailureClass.TIMEOUT);
            assertThat(r.failure().message()).isEqualTo("no response within 1s");
        }

        @Test
        void aConnectThatNeverCompletesIsATimeoutNotAConnectFailure() throws IOException {
            // A listener that never accepts and whose backlog is full: Linux drops further SYNs, so connecting hangs.
            try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                List<Socket> filling = new ArrayList<>();
                try {
                    boolean hangs = false;
                    for (int i = 0; i < 16 && !hangs; i++) {
                        Socket s = new Socket();
                        filling.add(s);
                        try {
                            s.connect(deaf.getLocalSocketAddress(), 300);
                        } catch (SocketTimeoutException expected) {
                            hangs = true;
                        }
                    }
                    assertThat(hangs).as("Linux drops SYNs to a full backlog, so the connect should hang").isTrue();

                    CompletableFuture<ProbeResult> probe = CompletableFuture.supplyAsync(() -> prober.probe(
                            new ProbeRequest(URI.create("http://127.0.0.1:" + deaf.getLocalPort() + "/"),
                                    Duration.ofMillis(500), MAX_BODY, 5)));

                    await().atMost(Duration.ofSeconds(3)).until(probe::isDone);
                    assertThat(probe.join().failure()).isEqualTo(
                            new TransportFailure(FailureClass.TIMEOUT, "no TCP connection within 500ms"));
                } finally {
                    for (Socket s : filling) {
                        s.close();
                    }
                }
            }
        }

        @Test
        void nothingListeningIsAConnectFailure() throws IOException {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }

            ProbeResult r = prober.probe(get(URI.create("http://127.0.0.1:" + port + "/")));

            assertThat(r.failure()).isEqualTo(new TransportFailure(FailureClass.CONNECT, "Connection refused"));
            assertThat(r.status()).isEqualTo(-1);
            assertThat(r.headers()).isEmpty();
        }

        @Test
        void anUnknownHostIsADnsFailure() {
            Dns nowhere = host -> {
                throw new UnknownHostException(host + ": Name or service not known");
            };
            HttpProber p = new HttpProber(HttpProber.defaultClient().newBuilder().dns(nowhere).build(),
                    TimeSource.system());

            ProbeResult r = p.probe(get(URI.create("https://www.unicri.invalid/news")));

            assertThat(r.failure()).isEqualTo(new TransportFailure(FailureClass.DNS,
                    "www.unicri.invalid: Name or service not known"));
        }

        @Test
        void aBareHostNameFromTheResolverBecomesASentence() {
            Dns terse = host -> {
                throw new UnknownHostException(host);
            };
            HttpProber p = new HttpProber(HttpProber.defaultClient().newBuilder().dns(terse).build(),
                    TimeSource.system());

            ProbeResult r = p.probe(get(URI.create("http://gone.example/")));

            assertThat(r.failure()).isEqualTo(new TransportFailure(FailureClass.DNS, "unknown host gone.example"));
        }

        @Test
        void aServerThatHangsUpWithoutAnswerIsAConnectFailure() throws IOException {
            try (RawHttpServer raw = new RawHttpServer("")) {
                ProbeResult r = prober.probe(get(raw.uri("/")));

                assertThat(r.failure()).isEqualTo(new TransportFailure(FailureClass.CONNECT,
                        "connection closed before a response"));
            }
        }

        @Test
        void aBugBelowTheProberIsReportedNotThrown() {
            Dns broken = host -> {
                throw new IllegalStateException("resolver plug-in is broken");
            };
            HttpProber p = new HttpProber(HttpProber.defaultClient().newBuilder().dns(broken).build(),
                    TimeSource.system());

            ProbeResult r = p.probe(get(URI.create("http://example.invalid/")));

            assertThat(r.failure().failureClass()).isEqualTo(FailureClass.DNS);
            assertThat(r.failure().message()).contains("internal error").contains("resolver plug-in is broken");
            assertThat(p.internalErrors()).as("counted for watchpost_probe_errors_total{stage=fetch}").isEqualTo(1);
        }

        @Test
        void aUrlThatIsNotHttpIsAFailureNotAnException() {
            ProbeResult r = prober.probe(get(URI.create("ftp://files.example/")));

            assertThat(r.failure()).isEqualTo(new TransportFailure(FailureClass.CONNECT,
                    "not an http(s) URL: ftp://files.example/"));
        }
    }

    @Nested
    class Tls {
        private final long now = System.currentTimeMillis();
        private final HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(1)
                .commonName("Watchpost Test Root")
                .validityInterval(now - hours(1), now + hours(24 * 3650)).build();
        private final HeldCertificate intermediate = new HeldCertificate.Builder().certificateAuthority(0)
                .commonName("Watchpost Test Intermediate").signedBy(root)
                .validityInterval(now - hours(1), now + hours(24 * 30)).build();

        private HandshakeCertificates trustingRoot() {
            return new HandshakeCertificates.Builder().addTrustedCertificate(root.certificate()).build();
        }

        private HeldCertificate leaf(long notBefore, long notAfter) {
            return new HeldCertificate.Builder().commonName("watchpost-test-site")
                    .addSubjectAlternativeName("127.0.0.1")
                    .signedBy(intermediate).validityInterval(notBefore, notAfter).build();
        }

        private void serveHttps(HeldCertificate leaf) {
            server.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf, intermediate.certificate())
                    .build().sslSocketFactory());
        }

        private HttpProber proberTrusting(HandshakeCertificates trust) {
            OkHttpClient client = HttpProber.defaultClient().newBuilder()
                    .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()).build();
            return new HttpProber(client, TimeSource.system());
        }

        private URI httpsUrl() {
            return URI.create("https://127.0.0.1:" + server.getPort() + "/");
        }

        @Test
        void aTrustedCertificateIsDescribed() {
            HeldCertificate leaf = leaf(now - hours(1), now + hours(24 * 90));
            serveHttps(leaf);
            server.enqueue(new MockResponse.Builder().body("secure").build());

            ProbeResult r = proberTrusting(trustingRoot()).probe(get(httpsUrl()));

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.tls()).isNotNull();
            assertThat(r.tls().leafNotAfter()).isEqualTo(leaf.certificate().getNotAfter().toInstant());
            assertThat(r.tls().earliestNotAfter()).isEqualTo(intermediate.certificate().getNotAfter().toInstant())
                    .isBefore(r.tls().leafNotAfter());
            assertThat(r.tls().protocol()).startsWith("TLSv1.");
            assertThat(r.tls().leafSubject()).isEqualTo("CN=watchpost-test-site");
            assertThat(r.phases().tlsNanos()).isPositive();
        }

        @Test
        void anUntrustedCertificateIsATlsFailure() {
            serveHttps(leaf(now - hours(1), now + hours(24 * 90)));
            server.enqueue(new MockResponse.Builder().body("never seen").build());

            ProbeResult r = prober.probe(get(httpsUrl()));

            assertThat(r.failure()).isEqualTo(new TransportFailure(FailureClass.TLS,
                    "certificate is not trusted: no chain to a trusted root"));
            assertThat(r.tls()).isNull();
        }

        @Test
        void anExpiredCertificateIsATlsFailure() {
            serveHttps(leaf(now - hours(48), now - hours(24)));
            server.enqueue(new MockResponse.Builder().body("never seen").build());

            ProbeResult r = proberTrusting(trustingRoot()).probe(get(httpsUrl()));

            assertThat(r.failure()).isEqualTo(new TransportFailure(FailureClass.TLS, "certificate has expired"));
        }

        @Test
        void aCertificateForAnotherHostIsATlsFailure() {
            serveHttps(new HeldCertificate.Builder().commonName("other").addSubjectAlternativeName("other.example")
                    .signedBy(intermediate).validityInterval(now - hours(1), now + hours(24)).build());
            server.enqueue(new MockResponse.Builder().body("never seen").build());

            ProbeResult r = proberTrusting(trustingRoot()).probe(get(httpsUrl()));

            assertThat(r.failure()).isEqualTo(new TransportFailure(FailureClass.TLS,
                    "certificate is not valid for 127.0.0.1"));
        }

        private static long hours(long h) {
            return TimeUnit.HOURS.toMillis(h);
        }
    }

    private static byte[] deflate(String text, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        try (OutputStream d = new DeflaterOutputStream(out, deflater)) {
            d.write(text.getBytes(StandardCharsets.UTF_8));
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }
}
