package org.watchpost.collector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.watchpost.collector.Collector;
import org.watchpost.collector.config.CollectorConfig;
import org.watchpost.collector.ingest.AgentCredential;
import org.watchpost.collector.ingest.AgentTokens;
import org.watchpost.collector.ingest.LimitSettings;
import org.watchpost.collector.store.RetentionSettings;
import org.watchpost.config.HostPort;
import org.watchpost.protocol.Report;
import org.watchpost.protocol.ReportAck;
import org.watchpost.protocol.WireJson;

/**
 * A collector on a free loopback port and a real HTTP client talking to it. Two agents are configured: eu-1 (with two
 * valid tokens, as during a rotation) and us-1.
 */
public final class CollectorHarness implements AutoCloseable {
    public static final String EU = "eu-1";
    public static final String US = "us-1";
    public static final String EU_TOKEN = "eu-1-token-old-0123456789abcdef";
    public static final String EU_TOKEN_NEW = "eu-1-token-new-0123456789abcdef";
    public static final String US_TOKEN = "us-1-token-0123456789abcdef";

    public static final ObjectMapper JSON = WireJson.newMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final Collector collector;
    private final OkHttpClient http = new OkHttpClient.Builder()
            .readTimeout(60, TimeUnit.SECONDS)
            .retryOnConnectionFailure(false)
            .build();

    private CollectorHarness(Collector collector) {
        this.collector = collector;
    }

    public static CollectorConfig config(Path dataDir, CollectorConfig.ExternalDatabase database,
                                         RetentionSettings retention, LimitSettings limits) {
        return new CollectorConfig(dataDir.resolve("collector.yml"), new HostPort("127.0.0.1", 0), dataDir, database,
                List.of(new AgentCredential(EU, List.of(AgentTokens.sha256Hex(EU_TOKEN),
                                AgentTokens.sha256Hex(EU_TOKEN_NEW))),
                        new AgentCredential(US, List.of(AgentTokens.sha256Hex(US_TOKEN)))),
                retention, limits);
    }

    public static CollectorHarness start(CollectorConfig config, Clock clock) {
        return new CollectorHarness(Collector.start(config, clock));
    }

    public Collector collector() {
        return collector;
    }

    public String url(String path) {
        return "http://" + collector.hostPort() + path;
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the server answered. */
    public record Answer(int status, String body, String retryAfter, String contentType) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public ReportAck ack() {
            try {
                return JSON.readValue(body, ReportAck.class);
            } catch (IOException e) {
                throw new UncheckedIOException("not an ack (" + status + "): " + body, e);
            }
        }

        public String error() {
            return json().get("error").asText();
        }
    }

    /** Posts a report as the agents do: gzip JSON with a bearer token. */
    public Answer post(Report report, String token) {
        return post(gzip(json(report)), token, "application/json", "gzip");
    }

    public Answer post(byte[] body, String token, String contentType, String encoding) {
        Request.Builder b = new Request.Builder().url(url("/api/v1/reports"))
                .post(RequestBody.create(body, contentType == null ? null : MediaType.get(contentType)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (encoding != null) {
            b.header("Content-Encoding", encoding);
        }
        if (contentType == null) {
            b.removeHeader("Content-Type");
        }
        return call(b.build());
    }

    public Answer get(String path) {
        return call(new Request.Builder().url(url(path)).get().build());
    }

    private Answer call(Request request) {
        try (Response r = http.newCall(request).execute()) {
            return new Answer(r.code(), r.body().string(), r.header("Retry-After"), r.header("Content-Type"));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.url() + " failed", e);
        }
    }

    public static MediaType jsonType() {
        return JSON_TYPE;
    }

    @Override
    public void close() {
        collector.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
