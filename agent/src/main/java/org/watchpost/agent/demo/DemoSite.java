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
 * A small institutional website that fails the way real ones do, served on two free loopback ports — two "edges", as a
 * site behind a CDN is reached from two regions:
 * <ul>
 *   <li>{@code /news} — a healthy article;</li>
 *   <li>{@code /press} — the founding case: the press release renders, and once the site's log table has "filled
 *       up" ({@code fillAfter} after start) Drupal's 1114 error about the {@code watchdog} table follows the page,
 *       with HTTP 200; {@code fullFor} later the site's cron clears the table and the page is whole again;</li>
 *   <li>{@code /portal} — healthy through the first edge; through the second, a regional outage: the edge answers
 *       504 (one region's failure is a clue, not an outage);</li>
 *   <li>{@code /blog} — WordPress's "Error establishing a database connection" (HTTP 500);</li>
 *   <li>{@code /search} — a page slower than the agent's timeout;</li>
 *   <li>{@code /library} — nginx's 502 Bad Gateway page.</li>
 * </ul>
 */
public final class DemoSite implements AutoCloseable {
    private final HttpServer server;
    private final HttpServer secondEdge;
    private final ThreadPoolExecutor executor;
    private final TimeSource time;
    private volatile long startNanos;
    private final Duration fillAfter;
    private final Duration fullFor;
    private final Duration slowBy;

    /**
     * @param fillAfter when the press page starts failing
     * @param fullFor   how long it fails before the log table is cleared
     * @param slowBy    how long {@code /search} takes to answer
     */
    public DemoSite(TimeSource time, Duration fillAfter, Duration fullFor, Duration slowBy) {
        this.time = time;
        this.startNanos = time.nanoTime();
        this.fillAfter = fillAfter;
        this.fullFor = fullFor;
        this.slowBy = slowBy;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
            secondEdge = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
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
        secondEdge.setExecutor(executor);
        pages(server, false);
        pages(secondEdge, true);
    }

    private void pages(HttpServer edge, boolean regionalOutage) {
        edge.createContext("/news", ex -> send(ex, 200, DemoPages.article("news")));
        edge.createContext("/press", ex -> send(ex, 200, watchdogFull()
                ? DemoPages.article("press") + DemoPages.drupalWatchdogFull()
                : DemoPages.article("press")));
        edge.createContext("/blog", ex -> send(ex, 500, DemoPages.wordpressDatabaseError()));
        edge.createContext("/search", ex -> {
            try {
                Thread.sleep(slowBy.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(ex, 200, DemoPages.article("search"));
        });
        edge.createContext("/library", ex -> send(ex, 502, DemoPages.nginxBadGateway()));
        edge.createContext("/portal", ex -> {
            if (regionalOutage) {
                send(ex, 504, DemoPages.nginxGatewayTimeout());
            } else {
                send(ex, 200, DemoPages.article("portal"));
            }
        });
        edge.createContext("/", ex -> send(ex, 404, "<html><body><h1>Not found</h1></body></html>"));
    }

    /** Starts serving; the press page's clock starts now. */
    public void start() {
        startNanos = time.nanoTime();
        server.start();
        secondEdge.start();
    }

    /** Whether the press page shows the 1114 error now. */
    public boolean watchdogFull() {
        long since = time.nanoTime() - startNanos;
        return since >= fillAfter.toNanos() && since < fillAfter.plus(fullFor).toNanos();
    }

    /** A page through the first edge. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** A page through the second edge, the one whose region has an outage of {@code /portal}. */
    public URI secondEdgeUrl(String path) {
        return URI.create("http://127.0.0.1:" + secondEdge.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
        secondEdge.stop(0);
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
