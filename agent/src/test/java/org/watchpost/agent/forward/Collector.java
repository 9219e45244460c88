package org.watchpost.agent.forward;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.watchpost.agent.config.BearerToken;
import org.watchpost.agent.config.CollectorSettings;
import org.watchpost.protocol.Report;
import org.watchpost.protocol.WireJson;

/** A MockWebServer on loopback playing the collector, and the helpers the forwarder tests share. */
final class Collector implements AutoCloseable {
    static final String TOKEN = "wp_test-0123456789";
    static final ObjectMapper JSON = WireJson.newMapper();

    final MockWebServer server = new MockWebServer();

    Collector() {
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI url() {
        return URI.create(server.url("/").toString());
    }

    CollectorSettings settings(int maxRecords, long maxBytes, Duration maxWait, Duration maxBackoff) {
        return new CollectorSettings(url(), Path.of("token"), null, maxRecords, maxBytes, maxWait, maxBackoff,
                Duration.ofSeconds(5), new BearerToken(TOKEN), List.of());
    }

    static MockResponse ack(long storedThrough) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"schema\":1,\"agent\":\"eu-1\",\"stored_through\":" + storedThrough
                        + ",\"accepted\":1,\"duplicates\":0}").build();
    }

    static MockResponse error(int status, String message) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
                .body("{\"error\":\"" + message + "\"}").build();
    }

    void enqueue(MockResponse r) {
        server.enqueue(r);
    }

    /** The next request, or an assertion error after 10 s. */
    RecordedRequest take() {
        try {
            RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("the forwarder sent no request");
            }
            return r;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static Report report(RecordedRequest r) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(r.getBody().toByteArray()))) {
            return JSON.readValue(in, Report.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
