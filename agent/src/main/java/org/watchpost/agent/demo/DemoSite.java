package org.watchpost.agent.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.watchpost.agent.time.TimeSource;

/**
 * A small institutional website that fails the way real ones do, served on a free loopback port:
 * <ul>
 *   <li>{@code /news} — a healthy article;</li>
 *   <li>{@code /press} — the founding case: the press release renders, and once the site's log table has "filled
 *       up" ({@code fillAfter} after start) Drupal's 1114 error about the {@code watchdog} table follows the page,
 *       with HTTP 200;</li>
 *   <li>{@code /blog} — WordPress's "Error establishing a database connection" (HTTP 500);</li>
 *   <li>{@code /search} — a page slower than the agent's timeout;</li>
 *   <li>{@code /library} — nginx's 502 Bad Gateway page.</li>
 * </ul>
 */
public final class DemoSite implements AutoCloseable {
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final TimeSource time;
    private final long startNanos;
    private final Duration fillAfter;
    private final Duration slowBy;

    /**
     * @param fillAfter when the press page starts failing
     * @param slowBy    how long {@code /search} takes to answer
     */
    public DemoSite(TimeSource time, Duration fillAfter, Duration slowBy) {
        this.time = time;
        this.startNanos = time.nanoTime();
        this.fillAfter = fillAfter;
        this.slowBy = slowBy;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo site on a loopback port: " + e.getMessage(), e);
        }
        // Enough threads that the slow page never holds up the others, and a bounded queue, like everything else:
        // a request beyond it is refused (its connection closed), which the agent sees as a failed probe.
        executor = new ThreadPoolExecutor(8, 8, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "watchpost-demo-site");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/news", ex -> send(ex, 200, DemoPages.article("news")));
        server.createContext("/press", ex -> send(ex, 200, watchdogFull()
                ? DemoPages.article("press") + DemoPages.drupalWatchdogFull()
                : DemoPages.article("press")));
        server.createContext("/blog", ex -> send(ex, 500, DemoPages.wordpressDatabaseError()));
        server.createContext("/search", ex -> {
            try {
                Thread.sleep(slowBy.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(ex, 200, DemoPages.article("search"));
        });
        server.createContext("/library", ex -> send(ex, 502, DemoPages.nginxBadGateway()));
        server.createContext("/", ex -> send(ex, 404, "<html><body><h1>Not found</h1></body></html>"));
    }

    public void start() {
        server.start();
    }

    /** Whether the press page shows the 1114 error now. */
    public boolean watchdogFull() {
        return time.nanoTime() - startNanos >= fillAfter.toNanos();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange ex, int status, String html) throws IOException {
        try (ex) {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
