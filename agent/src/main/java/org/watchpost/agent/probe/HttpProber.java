package org.watchpost.agent.probe;

import java.io.IOException;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.CookieJar;
import okhttp3.Handshake;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.protocol.PhaseTimings;
import org.watchpost.protocol.PhaseTimings.Phase;
import org.watchpost.agent.time.TimeSource;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Version;

/**
 * Fetches a page over HTTP(S) the way a monitor should: a fresh connection every time (so connect and TLS are
 * measured on every probe), one budget for the whole probe, redirects followed by hand and counted, and at most
 * {@code maxBodyBytes} of the decoded page read.
 *
 * <pre>{@code
 * Prober http = new HttpProber(HttpProber.defaultClient(), TimeSource.system());
 * ProbeResult r = http.probe(
 *         new ProbeRequest(URI.create("https://unicri.org/news"), Duration.ofSeconds(10), 2 << 20, 5));
 * }</pre>
 *
 * <p>One instance serves every target; {@link #probe} blocks its caller's thread and is safe to call from many
 * threads at once. Concurrent probes of one HTTP/2 origin may share a connection (OkHttp multiplexes in-flight
 * connections); the scheduler's per-host concurrency of one is what keeps every probe on its own connection.
 *
 * <p>DNS lookups through the JDK resolver cannot be interrupted, so they run on a small bounded pool and the probe
 * waits for them only until its deadline (see {@link BoundedDns}): a DNS server that never answers costs a resolver
 * thread, never the probe's timeout.
 */
public final class HttpProber implements Prober {
    private static final Logger LOG = LoggerFactory.getLogger(HttpProber.class);

    static final String ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";
    static final String ACCEPT_ENCODING = "gzip, deflate";

    /**
     * Socket timeouts no longer than what is left of the probe's budget, which each hop's call timeout carries. The
     * call timeout is the real limit; these keep a stuck socket from outliving it if the watchdog is late.
     */
    private static final Interceptor SOCKET_TIMEOUTS_WITHIN_BUDGET = chain -> {
        long budgetNanos = chain.call().timeout().timeoutNanos();
        if (budgetNanos <= 0) {
            return chain.proceed(chain.request());
        }
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(budgetNanos) + 1));
        return chain.withConnectTimeout(millis, TimeUnit.MILLISECONDS)
                .withReadTimeout(millis, TimeUnit.MILLISECONDS)
                .withWriteTimeout(millis, TimeUnit.MILLISECONDS)
                .proceed(chain.request());
    };

    private final OkHttpClient client;
    private final TimeSource time;
    private final String userAgent = Version.userAgent();
    private final BoundedDns dns;
    static final int MAX_CAS = 64;
    private final java.util.concurrent.ConcurrentHashMap<java.nio.file.Path, CachedCa> cas =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong internalErrors = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param client {@link #defaultClient()}, or a variant of it from {@code newBuilder()} (another {@code Dns}, trust
     *               store or proxy). Whatever it was built with, probes never reuse connections, never follow
     *               redirects or retry on their own, and are timed by this prober's listener.
     * @param time   gives {@code startedAt} and measures the phases and the budget
     */
    public HttpProber(OkHttpClient client, TimeSource time) {
        this.client = withProbeInvariants(Objects.requireNonNull(client, "client").newBuilder());
        this.time = Objects.requireNonNull(time, "time");
        this.dns = new BoundedDns(this.client.dns());
    }

    public HttpProber(TimeSource time) {
        this(defaultClient(), time);
    }

    /** The production client: no cookies, no cache, no idle connections, no automatic redirects or retries. */
    public static OkHttpClient defaultClient() {
        return withProbeInvariants(new OkHttpClient.Builder().cookieJar(CookieJar.NO_COOKIES).cache(null));
    }

    private static OkHttpClient withProbeInvariants(OkHttpClient.Builder b) {
        // A pool that keeps no idle connection closes each one when its call ends: the next probe connects anew.
        b.connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .eventListenerFactory(PhaseClock.LISTENERS);
        if (!b.interceptors().contains(SOCKET_TIMEOUTS_WITHIN_BUDGET)) {
            b.addInterceptor(SOCKET_TIMEOUTS_WITHIN_BUDGET);
        }
        return b.build();
    }

    @Override
    public ProbeResult probe(ProbeRequest request) {
        Instant startedAt = time.now();
        PhaseClock clock = new PhaseClock(time);
        Probe probe = new Probe(request, startedAt, clock, time.nanoTime() + budgetNanos(request.timeout()));
        try {
            return probe.run();
        } catch (RuntimeException bug) {
            internalErrors.incrementAndGet();
            Phase phase = clock.phase();
            FailureClass closest = TransportErrors.closestClass(phase);
            LOG.warn("Probe of {} failed inside Watchpost during {}; reported as a {} failure", SafeUrl.mask(request.url()),
                    phase.label(), closest, bug);
            return probe.failure(new TransportFailure(closest, "internal error: " + TransportErrors.shorten(
                    String.valueOf(bug))));
        }
    }

    /**
     * The trust of a {@code tls_ca_file}, read once per file; re-read when the file changes, so a reload that
     * renews the CA takes effect. Bounded by the config: one entry per distinct file, at most {@value #MAX_CAS}.
     */
    private TrustedCa trustedCa(java.nio.file.Path file) throws IOException, java.security.GeneralSecurityException {
        long modified = java.nio.file.Files.getLastModifiedTime(file).toMillis();
        CachedCa cached = cas.get(file);
        if (cached != null && cached.modified == modified) {
            return cached.ca;
        }
        TrustedCa ca = TrustedCa.load(file);
        if (cas.size() >= MAX_CAS) {
            cas.clear();
        }
        cas.put(file, new CachedCa(modified, ca));
        return ca;
    }

    private record CachedCa(long modified, TrustedCa ca) {
    }

    @Override
    public long internalErrors() {
        return internalErrors.get();
    }

    /** The state of one probe as it walks its redirect hops. */
    private final class Probe {
        private final ProbeRequest request;
        private final Instant startedAt;
        private final PhaseClock clock;
        private final long deadline;
        private final List<HttpUrl> visited = new ArrayList<>();
        private URI hopUri;

        Probe(ProbeRequest request, Instant startedAt, PhaseClock clock, long deadline) {
            this.request = request;
            this.startedAt = startedAt;
            this.clock = clock;
            this.deadline = deadline;
            this.hopUri = request.url();
        }

        ProbeResult run() {
            HttpUrl url = HttpUrl.parse(request.url().toString());
            if (url == null) {
                return failure(new TransportFailure(FailureClass.CONNECT,
                        "not an http(s) URL: " + TransportErrors.shorten(SafeUrl.mask(request.url().toString()))));
            }
            while (true) {
                visited.add(url);
                hopUri = url.uri();
                long remaining = deadline - time.nanoTime();
                if (remaining <= 0) {
                    return failure(new TransportFailure(FailureClass.TIMEOUT,
                            TransportErrors.timeoutMessage(Phase.PROCESSING, request.timeout())));
                }
                clock.startHop();
                // The lookup ends by the probe's deadline too: the call timeout cannot interrupt the resolver.
                OkHttpClient.Builder perProbe = client.newBuilder().dns(dns.until(deadline, time::nanoTime));
                if (request.tlsCaFile() != null) {
                    TrustedCa ca;
                    try {
                        ca = trustedCa(request.tlsCaFile());
                    } catch (IOException | java.security.GeneralSecurityException e) {
                        return failure(new TransportFailure(FailureClass.TLS, "cannot use tls_ca_file "
                                + request.tlsCaFile() + ": " + TransportErrors.shorten(String.valueOf(e.getMessage()))));
                    }
                    perProbe.sslSocketFactory(ca.socketFactory, ca.trustManager);
                }
                Call call = perProbe.build().newCall(newRequest(url));
                call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
                Response response;
                try {
                    response = call.execute();
                } catch (IOException e) {
                    return failure(TransportErrors.classify(e, clock.phase(), request.timeout(), url.host()));
                }
                try (response) {
                    String redirectError = null;
                    if (isRedirect(response.code())) {
                        Redirect next = redirect(response, url);
                        if (next.url() != null) {
                            // The redirect's body is of no interest; closing without cancelling would drain it.
                            call.cancel();
                            url = next.url();
                            continue;
                        }
                        redirectError = next.error();
                    }
                    return respond(call, response, redirectError);
                }
            }
        }

        private Request newRequest(HttpUrl url) {
            return new Request.Builder()
                    .url(url)
                    .header("User-Agent", userAgent)
                    .header("Accept", ACCEPT)
                    // Asking ourselves turns off OkHttp's transparent gzip, which has no size cap.
                    .header("Accept-Encoding", ACCEPT_ENCODING)
                    .tag(PhaseClock.class, clock)
                    .build();
        }

        private Redirect redirect(Response response, HttpUrl from) {
            String location = response.header("Location");
            if (location == null || location.isBlank()) {
                return Redirect.error("redirect without a Location header");
            }
            HttpUrl next = from.resolve(location.strip());
            if (next == null) {
                return Redirect.error("redirect to an unusable location: " + TransportErrors.shorten(location));
            }
            if (visited.contains(next)) {
                return Redirect.error("redirect loop: " + visited.stream().map(HttpProber::shortUrl)
                        .collect(Collectors.joining(" → ")) + " → " + shortUrl(next));
            }
            if (redirects() >= request.maxRedirects()) {
                return Redirect.error("more than " + request.maxRedirects() + " redirects");
            }
            return new Redirect(next, null);
        }

        private ProbeResult respond(Call call, Response response, String redirectError) {
            ResponseBody responseBody = response.body();
            long contentLength = responseBody.contentLength();
            BodyReader.Body body;
            try {
                body = BodyReader.read(responseBody.byteStream(), response.header("Content-Encoding"),
                        contentLength, isChunked(response), request.maxBodyBytes(), request.timeout());
            } catch (RuntimeException bug) {
                internalErrors.incrementAndGet();
                LOG.warn("Reading the body of {} failed inside Watchpost; the page is reported as cut",
                        SafeUrl.mask(hopUri), bug);
                body = new BodyReader.Body(new byte[0], false,
                        "internal error reading the body: " + TransportErrors.shorten(String.valueOf(bug)));
            }
            if (!body.complete()) {
                // Stop the transfer now: closing an unfinished body would otherwise read on to drain it.
                call.cancel();
            }
            PhaseTimings phases = clock.stop();
            // Reported with secrets masked: the result reaches the API, the journal and the collector.
            return new ProbeResult(startedAt, SafeUrl.mask(request.url()), SafeUrl.mask(hopUri), redirects(),
                    redirectError, response.code(),
                    headers(response.headers()), body.bytes(), body.capped(), body.cut(), contentLength, phases,
                    phases.totalNanos(), tlsInfo(response.handshake()), null);
        }

        ProbeResult failure(TransportFailure failure) {
            PhaseTimings phases = clock.stop();
            return new ProbeResult(startedAt, SafeUrl.mask(request.url()), SafeUrl.mask(hopUri), redirects(), null,
                    -1, null, null, false, null,
                    -1, phases, phases.totalNanos(), null, failure);
        }

        private int redirects() {
            return Math.max(0, visited.size() - 1);
        }
    }

    private record Redirect(HttpUrl url, String error) {
        static Redirect error(String error) {
            return new Redirect(null, error);
        }
    }

    /** The statuses OkHttp itself would follow; 304 is not a redirect. */
    private static boolean isRedirect(int code) {
        return code == 300 || code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }

    private static boolean isChunked(Response response) {
        String te = response.header("Transfer-Encoding");
        return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    }

    private static String shortUrl(HttpUrl url) {
        return TransportErrors.shorten(SafeUrl.mask(url.toString()));
    }

    private static long budgetNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 4;
        }
    }

    /** Names lower-cased, every value kept, names in the order they first arrived. */
    static Map<String, List<String>> headers(Headers headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            map.computeIfAbsent(headers.name(i).toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
                    .add(headers.value(i));
        }
        map.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(map);
    }

    /**
     * The verified chain: the presented certificates that lead to the trusted root, and that root. Certificates a
     * server sends but that play no part in the chain (an expired cross-sign) are left out, so they raise no alarm.
     */
    static TlsInfo tlsInfo(Handshake handshake) {
        if (handshake == null) {
            return null;
        }
        List<X509Certificate> chain;
        try {
            chain = new ArrayList<>();
            for (Certificate c : handshake.peerCertificates()) {
                if (c instanceof X509Certificate x) {
                    chain.add(x);
                }
            }
        } catch (Exception cleaningFailed) {
            // OkHttp builds the chain lazily and may throw here if a custom trust manager accepted what it cannot
            // order; the response itself is still good.
            LOG.debug("No certificate chain for the TLS session", cleaningFailed);
            return null;
        }
        if (chain.isEmpty()) {
            return null;
        }
        X509Certificate leaf = chain.get(0);
        Instant earliest = leaf.getNotAfter().toInstant();
        for (X509Certificate c : chain) {
            Instant notAfter = c.getNotAfter().toInstant();
            if (notAfter.isBefore(earliest)) {
                earliest = notAfter;
            }
        }
        return new TlsInfo(leaf.getNotAfter().toInstant(), earliest, handshake.tlsVersion().javaName(),
                leaf.getSubjectX500Principal().getName(X500Principal.RFC2253));
    }
}
