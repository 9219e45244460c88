package org.watchpost.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent at -Xmx64m with 5,000 targets: 1,000 on a server that accepts and never answers, 3,999 on a port where
 * nothing listens, and one healthy page. Every /metrics scrape failed with OutOfMemoryError while /-/healthy said
 * 200. Now every scrape is whole, /-/healthy is 200 because it is true, and the healthy target stays up and on
 * schedule (scheduler lag asserted).
 */
class ManyTargetsSmallHeapIT {
    @TempDir
    Path dir;
    private HttpServer healthy;
    private ServerSocket silent;
    private final ExecutorService holders = Executors.newFixedThreadPool(64, r -> {
        Thread t = new Thread(r, "silent-server");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stop() throws IOException {
        if (healthy != null) {
            healthy.stop(0);
        }
        if (silent != null) {
            silent.close();
        }
        holders.shutdownNow();
    }

    @Test
    void fiveThousandTargetsAtSixtyFourMegabytesScrapeWholeAndTheHealthyOneStaysOnSchedule() throws Exception {
        healthy = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        healthy.createContext("/ok", ex -> {
            byte[] body = "<html><head><title>OK</title></head><body>fine</body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        healthy.start();
        silent = new ServerSocket(0, 256, InetAddress.getByName("127.0.0.2"));
        holders.execute(() -> {
            while (!silent.isClosed()) {
                try {
                    Socket s = silent.accept();
                    holders.execute(() -> hold(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
        int refusedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.3"))) {
            refusedPort = s.getLocalPort();
        }
        StringBuilder yaml = new StringBuilder("""
                agent: { id: many, listen: "127.0.0.1:0", data_dir: "%s", max_concurrency: 48 }
                defaults: { interval: 30s, timeout: 2s, per_host_concurrency: 24, per_host_min_spacing: 0ms }
                targets:
                  - { name: healthy, url: "http://127.0.0.1:%d/ok", interval: 5s }
                """.formatted(dir.resolve("data"), healthy.getAddress().getPort()));
        for (int i = 0; i < 1000; i++) {
            yaml.append("  - { name: silent-").append(i).append(", url: \"http://127.0.0.2:")
                    .append(silent.getLocalPort()).append("/p").append(i).append("\" }\n");
        }
        for (int i = 0; i < 3999; i++) {
            yaml.append("  - { name: refused-").append(i).append(", url: \"http://127.0.0.3:").append(refusedPort)
                    .append("/p").append(i).append("\" }\n");
        }
        Path config = Files.writeString(dir.resolve("agent.yml"), yaml);

        try (AgentProcess agent = AgentProcess.start(config, dir.resolve("data"), "-Xmx64m")) {
            long readyAt = System.nanoTime();
            // Every target probed at least once: one interval and a bit.
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(5)).until(() ->
                    PrometheusText.parse(agent.metrics()).find("watchpost_probe_last_timestamp_seconds", Map.of())
                            .size() == 5000);
            long largest = 0;
            for (int scrape = 0; scrape < 10; scrape++) {
                String text = agent.metrics();
                largest = Math.max(largest, text.length());
                PrometheusText m = PrometheusText.parse(text);
                assertThat(m.find("watchpost_probe_checks_total", Map.of())).as("scrape %d whole", scrape)
                        .hasSize(3 * 5000);
                assertThat(agent.get("/-/healthy")).startsWith("Healthy");
            }
            PrometheusText m = PrometheusText.parse(agent.metrics());
            assertThat(m.value("watchpost_target_up", Map.of("target", "healthy"))).hasValue(1);
            double count = m.value("watchpost_scheduler_lag_seconds_count", Map.of()).orElseThrow();
            double withinOneSecond = m.value("watchpost_scheduler_lag_seconds_bucket", Map.of("le", "1.0"))
                    .orElseThrow();
            double healthyChecks = m.find("watchpost_probe_checks_total", Map.of("target", "healthy")).stream()
                    .mapToDouble(PrometheusText.Sample::value).sum();
            double withinFive = m.value("watchpost_scheduler_lag_seconds_bucket", Map.of("le", "5.0"))
                    .orElseThrow();
            double elapsed = (System.nanoTime() - readyAt) / 1e9;
            // The silent host is over its per-host limit by design (1,000 probes of 2 s, 24 at a time, every 30 s):
            // its probes wait for their host, which the lag shows. The healthy target on its own host must not.
            assertThat(withinFive / count).as("probes started within 5 s of their slot").isGreaterThan(0.8);
            assertThat(healthyChecks).as("healthy target on schedule: checks in %.0f s at a 5 s interval", elapsed)
                    .isGreaterThanOrEqualTo(Math.floor(elapsed / 5 * 0.8));
            assertThat(m.value("watchpost_probe_checks_total", Map.of("target", "healthy", "result", "up")))
                    .hasValue(healthyChecks);
            System.out.printf("RELIABILITY many-targets: 5,000 targets (1,000 silent, 3,999 refused, 1 healthy) at "
                    + "-Xmx64m: 11 scrapes whole, largest %d bytes; /-/healthy 200; healthy target up in all %.0f "
                    + "checks in %.0f s (interval 5 s); of %.0f probes %.1f %% started within 1 s of their slot, "
                    + "%.1f %% within 5 s%n", largest, healthyChecks, elapsed, count, 100 * withinOneSecond / count,
                    100 * withinFive / count);
        }
    }

    private static void hold(Socket s) {
        try (s; InputStream in = s.getInputStream()) {
            byte[] b = new byte[4096];
            while (in.read(b) >= 0) {
                // never answers; ends when the prober gives up and closes
            }
        } catch (IOException e) {
            // the prober hung up
        }
    }
}
