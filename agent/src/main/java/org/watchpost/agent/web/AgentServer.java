package org.watchpost.agent.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.config.HostPort;
import org.watchpost.agent.daemon.TargetStatus;
import org.watchpost.protocol.WireJson;

/**
 * The agent's HTTP endpoints: {@code /metrics}, {@code /-/healthy}, {@code /-/ready}, {@code POST /-/reload} and
 * {@code /api/v1/targets}. Runs on the JDK's HTTP server with a small bounded pool: a monitoring agent must answer
 * its own scrapes, but a flood of requests must not cost it memory or threads, so excess requests are refused and
 * counted.
 */
public final class AgentServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentServer.class);
    static final int THREADS = 2;
    static final int QUEUE = 32;

    /** Reloads the configuration; returns what happened in words, for the HTTP response and the log. */
    public interface Reloader {
        Outcome reload();

        record Outcome(boolean ok, String message) {
        }
    }

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final ObjectMapper json = WireJson.newMapper();

    /**
     * @param listen   where to listen; port 0 picks a free port (see {@link #address()})
     * @param registry what {@code /metrics} exposes
     * @param targets  current target statuses for the API
     * @param ready    whether the agent is ready (config loaded, probing started)
     * @param reloader what {@code POST /-/reload} does
     * @param rejected called for each request refused because the pool was full
     */
    public AgentServer(HostPort listen, PrometheusRegistry registry, Supplier<List<TargetStatus>> targets,
                       BooleanSupplier ready, Reloader reloader, Runnable rejected) {
        Objects.requireNonNull(registry, "registry");
        try {
            server = HttpServer.create(new InetSocketAddress(listen.host(), listen.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + listen + ": " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "watchpost-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                (r, pool) -> {
                    rejected.run();
                    throw new RejectedExecutionException("all " + THREADS + " handler threads busy and " + QUEUE
                            + " requests queued");
                });
        server.setExecutor(executor);
        server.createContext("/metrics", new MetricsHandler(registry));
        server.createContext("/-/healthy", ex -> text(ex, "GET", () -> new Reply(200, "Healthy\n")));
        server.createContext("/-/ready", ex -> text(ex, "GET",
                () -> ready.getAsBoolean() ? new Reply(200, "Ready\n") : new Reply(503, "Not ready\n")));
        server.createContext("/-/reload", ex -> text(ex, "POST", () -> {
            Reloader.Outcome o = reloader.reload();
            return new Reply(o.ok() ? 200 : 400, o.message().endsWith("\n") ? o.message() : o.message() + "\n");
        }));
        server.createContext("/api/v1/targets", ex -> handle(ex, "GET", () -> {
            byte[] body = json.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(Map.of("targets", targets.get()));
            send(ex, 200, "application/json", body);
        }));
        server.createContext("/", ex -> {
            if (!ex.getRequestURI().getPath().equals("/")) {
                text(ex, "GET", () -> new Reply(404, "Not found: " + ex.getRequestURI().getPath()
                        + "\nEndpoints: /metrics /-/healthy /-/ready /-/reload /api/v1/targets\n"));
            } else {
                text(ex, "GET", () -> new Reply(200, "Watchpost agent\n\n/metrics          Prometheus metrics\n"
                        + "/api/v1/targets   targets, states and findings (JSON)\n/-/healthy        liveness\n"
                        + "/-/ready          readiness\n/-/reload         POST: reload the configuration\n"));
            }
        });
    }

    public void start() {
        server.start();
        log.info("listening on http://{}/ (metrics at /metrics)", hostPort());
    }

    /** The bound address; with port 0 this is where the system put us. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public String hostPort() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private record Reply(int status, String body) {
    }

    private interface Action {
        void run() throws IOException;
    }

    private void text(HttpExchange ex, String method, Supplier<Reply> reply) throws IOException {
        handle(ex, method, () -> {
            Reply r = reply.get();
            send(ex, r.status(), "text/plain; charset=utf-8", r.body().getBytes(StandardCharsets.UTF_8));
        });
    }

    private void handle(HttpExchange ex, String method, Action action) throws IOException {
        try (ex) {
            String m = ex.getRequestMethod();
            if (!m.equals(method) && !(method.equals("GET") && m.equals("HEAD"))) {
                ex.getResponseHeaders().add("Allow", method);
                send(ex, 405, "text/plain; charset=utf-8",
                        (ex.getRequestURI().getPath() + " accepts " + method + ", not " + m + "\n")
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            action.run();
        } catch (RuntimeException e) {
            log.warn("{} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
            throw e;
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
