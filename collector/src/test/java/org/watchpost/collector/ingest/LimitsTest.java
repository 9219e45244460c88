package org.watchpost.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchpost.collector.testing.CollectorHarness.EU;
import static org.watchpost.collector.testing.CollectorHarness.EU_TOKEN;
import static org.watchpost.collector.testing.Reports.report;
import static org.watchpost.collector.testing.Reports.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.collector.store.RetentionSettings;
import org.watchpost.collector.testing.CollectorHarness;
import org.watchpost.collector.testing.CollectorHarness.Answer;
import org.watchpost.collector.testing.MutableClock;
import org.watchpost.collector.testing.Reports;

/** Every limit on a report, over real HTTP; a refused report leaves nothing behind. */
class LimitsTest {
    static final LimitSettings TIGHT = new LimitSettings(64 << 10, 256 << 10, Duration.ofSeconds(30), 32, 2048);

    @TempDir
    Path tmp;
    CollectorHarness harness;

    @BeforeEach
    void start() {
        harness = CollectorHarness.start(CollectorHarness.config(tmp, null, RetentionSettings.DEFAULTS, TIGHT),
                new MutableClock(Reports.T0));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private void assertNothingStored() {
        assertThat(harness.collector().results().agents()).isEmpty();
        assertThat(harness.collector().results().latest()).isEmpty();
    }

    @Test
    void aBodyOverTheLimitAsSentIs413() {
        byte[] big = new byte[(64 << 10) + 1];
        Answer a = harness.post(big, EU_TOKEN, "application/json", null);

        assertThat(a.status()).isEqualTo(413);
        assertThat(a.error()).isEqualTo("the request body is 65537 bytes, larger than 65536 bytes, the collector's"
                + " limit");
        assertNothingStored();
    }

    @Test
    void aChunkedBodyOverTheLimitIs413WhileStreaming() throws IOException {
        byte[] json = CollectorHarness.json(report(EU, results(1, 2000, 3)));
        assertThat(json.length).isGreaterThan(64 << 10);
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(30, TimeUnit.SECONDS).build();
        RequestBody unknownLength = new RequestBody() {
            @Override
            public MediaType contentType() {
                return MediaType.get("application/json");
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.write(json);
            }
        };
        Request request = new Request.Builder().url(harness.url("/api/v1/reports"))
                .header("Authorization", "Bearer " + EU_TOKEN).post(unknownLength).build();
        int status;
        try (Response r = http.newCall(request).execute()) {
            status = r.code();
            assertThat(r.body().string()).contains("the request body is larger than 65536 bytes");
        } catch (IOException e) {
            // The server may close the connection while the client is still sending: also a refusal.
            status = 413;
        }
        assertThat(status).isEqualTo(413);
        assertNothingStored();
    }

    @Test
    void aGzipBombIsCutOffAtTheDecompressedLimit() {
        // 8 MiB of spaces inside a valid report compress to a few KiB.
        String json = new String(CollectorHarness.json(report(EU, results(1, 3, 3))), StandardCharsets.UTF_8);
        String bomb = json.substring(0, json.length() - 1) + ",\"padding\":\"" + " ".repeat(8 << 20) + "\"}";
        byte[] body = CollectorHarness.gzip(bomb.getBytes(StandardCharsets.UTF_8));
        assertThat(body.length).isLessThan(64 << 10);

        Answer a = harness.post(body, EU_TOKEN, "application/json", "gzip");

        assertThat(a.status()).isEqualTo(413);
        assertThat(a.error()).isEqualTo("the decompressed request body is larger than 262144 bytes, the collector's"
                + " limit");
        assertNothingStored();
    }

    @Test
    void deepJsonIs400() {
        String json = new String(CollectorHarness.json(report(EU, results(1, 3, 3))), StandardCharsets.UTF_8);
        String deep = json.substring(0, json.length() - 1) + ",\"extra\":" + "[".repeat(40) + "]".repeat(40) + "}";

        Answer a = harness.post(deep.getBytes(StandardCharsets.UTF_8), EU_TOKEN, "application/json", null);

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.error()).isEqualTo("the report exceeds a limit of the collector: JSON is nested deeper than 32"
                + " levels");
        assertNothingStored();
    }

    @Test
    void aLongStringIs400() {
        String json = new String(CollectorHarness.json(report(EU, results(1, 3, 3))), StandardCharsets.UTF_8);
        String longString = json.replaceFirst("\"t0\"", "\"" + "x".repeat(3000) + "\"");

        Answer a = harness.post(longString.getBytes(StandardCharsets.UTF_8), EU_TOKEN, "application/json", null);

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.error()).isEqualTo("the report exceeds a limit of the collector: a JSON string is longer than"
                + " 2048 characters");
        assertNothingStored();
    }

    @Test
    void notJsonIs415() {
        Answer a = harness.post("seq=1".getBytes(StandardCharsets.UTF_8), EU_TOKEN,
                "application/x-www-form-urlencoded", null);

        assertThat(a.status()).isEqualTo(415);
        assertThat(a.error()).isEqualTo("Content-Type 'application/x-www-form-urlencoded' is not supported; send"
                + " application/json");
    }

    @Test
    void anUnknownEncodingIs415() {
        Answer a = harness.post(new byte[10], EU_TOKEN, "application/json", "br");

        assertThat(a.status()).isEqualTo(415);
        assertThat(a.error()).isEqualTo("Content-Encoding 'br' is not supported; send gzip or no encoding");
    }

    @Test
    void brokenGzipIs400() {
        Answer a = harness.post("{\"not\":\"gzip\"}".getBytes(StandardCharsets.UTF_8), EU_TOKEN, "application/json",
                "gzip");

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.error()).startsWith("the body is not valid gzip");
    }

    @Test
    void trailingGarbageIs400() {
        String json = new String(CollectorHarness.json(report(EU, results(1, 3, 3))), StandardCharsets.UTF_8);

        Answer a = harness.post((json + "{}").getBytes(StandardCharsets.UTF_8), EU_TOKEN, "application/json", null);

        assertThat(a.status()).isEqualTo(400);
        assertNothingStored();
    }

    @Test
    void aRefusalIsCountedByReason() {
        harness.post(new byte[10], "nobody", "application/json", null);
        harness.post(new byte[10], EU_TOKEN, "text/plain", null);

        String metrics = harness.get("/metrics").body();
        assertThat(metrics).contains("watchpost_collector_rejected_total{reason=\"unauthorized\"} 1.0")
                .contains("watchpost_collector_rejected_total{reason=\"unsupported_media_type\"} 1.0")
                .contains("watchpost_collector_rejected_total{reason=\"too_large\"} 0.0");
    }
}
