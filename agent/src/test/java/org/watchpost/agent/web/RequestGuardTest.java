package org.watchpost.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.watchpost.config.HostPort;

/**
 * DNS rebinding and cross-site requests against an agent on 127.0.0.1: a raw socket sends the Host and Origin a
 * browser would, which the JDK's HTTP client does not let a test choose.
 */
class RequestGuardTest {
    private AgentServer server;
    private final AtomicInteger reloads = new AtomicInteger();
    private final Map<String, Integer> refused = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        server = new AgentServer(new HostPort("127.0.0.1", 0), out -> { }, List::of, () -> true,
                () -> {
                    reloads.incrementAndGet();
                    return new AgentServer.Reloader.Outcome(true, "reloaded");
                }, () -> { }, Set.of("agent.example.org"), r -> refused.merge(r, 1, Integer::sum));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String request(String method, String path, String... headers) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.address().getPort()), 5000);
            s.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            req.append("Connection: close\r\nContent-Length: 0\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:9920", "localhost:9920", "LOCALHOST", "[::1]:9920", "10.1.2.3",
            "agent.example.org:9920", "prometheus.localhost"})
    void theAgentsOwnNamesAndAddressesAreServed(String host) throws IOException {
        assertThat(status(request("GET", "/api/v1/targets", "Host: " + host))).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example:9920", "rebind.attacker.test", "127.0.0.1.nip.io"})
    void aForeignHostIsRefusedOnEveryEndpoint(String host) throws IOException {
        for (String path : List.of("/api/v1/targets", "/metrics", "/-/ready", "/")) {
            String r = request("GET", path, "Host: " + host);
            assertThat(status(r)).as(path).isEqualTo(403);
            assertThat(r).contains("is not a name of this agent");
        }
        assertThat(refused.get("host")).isEqualTo(4);
    }

    @Test
    void aCrossOriginReloadIsRefusedAndASameOriginOrToolReloadIsNot() throws IOException {
        String port = String.valueOf(server.address().getPort());
        String evil = request("POST", "/-/reload", "Host: 127.0.0.1:" + port, "Origin: http://evil.example");
        assertThat(status(evil)).isEqualTo(403);
        assertThat(request("POST", "/-/reload", "Host: 127.0.0.1:" + port, "Origin: null")).startsWith("HTTP/1.1 403");
        assertThat(request("POST", "/-/reload", "Host: 127.0.0.1:" + port, "Sec-Fetch-Site: cross-site"))
                .startsWith("HTTP/1.1 403");
        assertThat(reloads).as("no refused request reloaded").hasValue(0);
        assertThat(refused.get("origin")).isEqualTo(3);

        assertThat(status(request("POST", "/-/reload", "Host: 127.0.0.1:" + port,
                "Origin: http://127.0.0.1:" + port))).isEqualTo(200);
        assertThat(status(request("POST", "/-/reload", "Host: 127.0.0.1:" + port))).as("curl").isEqualTo(200);
        assertThat(reloads).hasValue(2);
    }

    @Test
    void listeningOnEveryInterfaceIsWarnedAbout() {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(AgentServer.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
                new ch.qos.logback.core.read.ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        try (AgentServer open = new AgentServer(new HostPort("0.0.0.0", 0), new PrometheusRegistry(), List::of,
                () -> true, () -> new AgentServer.Reloader.Outcome(true, ""), () -> { })) {
            open.start();
            assertThat(seen.list).anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN
                    && e.getFormattedMessage().contains("reachable from other machines"));
        } finally {
            logger.detachAppender(seen);
        }
        assertThat(seen.list.stream().filter(e -> e.getFormattedMessage().contains("reachable from other")).count())
                .as("and only for a wildcard").isEqualTo(1);
    }
}
