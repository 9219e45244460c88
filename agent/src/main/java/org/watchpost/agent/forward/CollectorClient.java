package org.watchpost.agent.forward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.tls.HandshakeCertificates;
import org.watchpost.agent.config.CollectorSettings;
import org.watchpost.protocol.ReportAck;
import org.watchpost.protocol.Version;
import org.watchpost.protocol.WireJson;

/**
 * Posts one gzip JSON report to {@code <collector.url>/api/v1/reports} and says what came of it. Never throws for
 * anything the network or the collector does: every outcome is a value the forwarder decides on.
 *
 * <p>TLS trusts the system's CAs, plus those of {@code collector.ca_file} when it is set (a private CA for an
 * internal collector). Connections are kept between reports: unlike probes, nothing here measures connection setup.
 */
final class CollectorClient {
    private static final MediaType JSON = MediaType.get("application/json");
    /** The collector's error message is shown to people and logged; it is cut to this. */
    static final int MAX_MESSAGE = 300;
    /** An acknowledgement is a few hundred bytes; a longer answer is not one. */
    private static final long MAX_ANSWER_BYTES = 64 << 10;

    /** What happened to one report. */
    sealed interface Outcome {
    }

    /** The collector stored the report (2xx with an acknowledgement). */
    record Stored(ReportAck ack) implements Outcome {
    }

    /**
     * The collector answered something other than a usable acknowledgement.
     *
     * @param status     the HTTP status
     * @param message    the collector's {@code error} message, or a description of the answer
     * @param retryAfter what its {@code Retry-After} asked for, null when it did not
     */
    record Refused(int status, String message, Duration retryAfter) implements Outcome {
    }

    /** No answer: the request did not get through or the answer did not arrive. */
    record Failed(Forwarder.ErrorKind kind, String message) implements Outcome {
    }

    private final OkHttpClient client;
    private final CollectorSettings settings;
    private final ObjectMapper json = WireJson.newMapper();
    private final String authorization;
    private volatile Call inFlight;

    CollectorClient(CollectorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(settings.token(), "the collector token must be read before forwarding");
        this.authorization = "Bearer " + settings.token().value();
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(1, 5, TimeUnit.MINUTES))
                .callTimeout(settings.timeout())
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .writeTimeout(settings.timeout())
                .followRedirects(false)
                .retryOnConnectionFailure(false)
                .cache(null);
        if (!settings.caCertificates().isEmpty()) {
            HandshakeCertificates.Builder trust = new HandshakeCertificates.Builder().addPlatformTrustedCertificates();
            for (X509Certificate ca : settings.caCertificates()) {
                trust.addTrustedCertificate(ca);
            }
            HandshakeCertificates certificates = trust.build();
            b.sslSocketFactory(certificates.sslSocketFactory(), certificates.trustManager());
        }
        this.client = b.build();
    }

    CollectorSettings settings() {
        return settings;
    }

    /**
     * Posts {@code gzipBody} and waits for the answer, at most {@code collector.timeout} or {@code deadline}, whichever
     * is shorter.
     */
    Outcome post(byte[] gzipBody, Duration deadline, Instant now) {
        Request request = new Request.Builder().url(settings.reportsUri().toString())
                .header("Authorization", authorization)
                .header("Content-Encoding", "gzip")
                .header("User-Agent", Version.userAgent())
                .post(RequestBody.create(gzipBody, JSON))
                .build();
        Call call = client.newCall(request);
        inFlight = call;
        if (deadline.compareTo(settings.timeout()) < 0) {
            call.timeout().timeout(Math.max(1, deadline.toMillis()), TimeUnit.MILLISECONDS);
        }
        try (Response response = call.execute()) {
            byte[] answer = read(response.body());
            int status = response.code();
            if (status >= 200 && status < 300) {
                try {
                    return new Stored(json.readValue(answer, ReportAck.class));
                } catch (IOException | RuntimeException e) {
                    return new Refused(status, "the answer is not an acknowledgement: " + shorten(e.getMessage()),
                            null);
                }
            }
            return new Refused(status, message(answer, response.message()),
                    RetryAfter.parse(response.header("Retry-After"), now));
        } catch (IOException e) {
            return failed(e);
        }
    }

    /** Gives up the request in flight, if any: for a shutdown whose deadline passed. */
    void cancel() {
        Call c = inFlight;
        if (c != null) {
            c.cancel();
        }
    }

    void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private static byte[] read(ResponseBody body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        // Bounded: a misconfigured URL that answers with a big page must not cost memory.
        okio.BufferedSource source = body.source();
        source.request(MAX_ANSWER_BYTES);
        long n = Math.min(source.getBuffer().size(), MAX_ANSWER_BYTES);
        return source.getBuffer().readByteArray(n);
    }

    /** The {@code error} of a JSON answer, else the start of the text, else the HTTP reason. */
    private String message(byte[] answer, String reason) {
        try {
            JsonNode node = json.readTree(answer);
            if (node != null && node.hasNonNull("error")) {
                return shorten(node.get("error").asText());
            }
        } catch (IOException | RuntimeException e) {
            // Not JSON: a proxy's page, say. Its text is still the best clue.
        }
        String text = new String(answer, java.nio.charset.StandardCharsets.UTF_8).strip();
        return shorten(text.isEmpty() ? reason : text);
    }

    static Outcome failed(IOException e) {
        Forwarder.ErrorKind kind;
        if (e instanceof UnknownHostException) {
            kind = Forwarder.ErrorKind.DNS;
        } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            kind = Forwarder.ErrorKind.CONNECT;
        } else if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            kind = Forwarder.ErrorKind.TIMEOUT;
        } else if (e instanceof SSLException || e.getCause() instanceof java.security.cert.CertificateException) {
            kind = Forwarder.ErrorKind.TLS;
        } else {
            kind = Forwarder.ErrorKind.IO;
        }
        return new Failed(kind, shorten(e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                : ": " + e.getMessage())));
    }

    static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= MAX_MESSAGE ? one : one.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
