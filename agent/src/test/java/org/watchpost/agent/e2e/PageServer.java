package org.watchpost.agent.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Static pages on a free port of 127.0.0.1, each with its own status and {@code Content-Type} header (or none), for
 * material that has no server of its own: documentation files, generated pages, transcoded pages. Pages are held by
 * reference (bytes or a file read per request); at most {@code capacity} of them, and a put beyond that fails.
 *
 * <pre>{@code
 * try (PageServer pages = PageServer.start(10_000)) {
 *     URI u = pages.put("/a.html", 200, "text/html; charset=iso-8859-1", bytes);
 * }
 * }</pre>
 */
public final class PageServer implements AutoCloseable {
    private record Page(int status, String contentType, byte[] bytes, Path file) {
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final int capacity;

    private PageServer(HttpServer server, ExecutorService workers, int capacity) {
        this.server = server;
        this.workers = workers;
        this.capacity = capacity;
    }

    public static PageServer start(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ExecutorService workers = Executors.newFixedThreadPool(4);
            http.setExecutor(workers);
            PageServer s = new PageServer(http, workers, capacity);
            http.createContext("/", s::serve);
            http.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on 127.0.0.1 for the page server", e);
        }
    }

    /** Serves {@code body} at {@code path} (starting with a slash, URL-safe); {@code contentType} null sends none. */
    public URI put(String path, int status, String contentType, byte[] body) {
        return add(path, new Page(status, contentType, Objects.requireNonNull(body, "body"), null));
    }

    /** Serves the file's bytes at {@code path}, read at each request, so a large set costs no memory. */
    public URI putFile(String path, int status, String contentType, Path file) {
        return add(path, new Page(status, contentType, null, Objects.requireNonNull(file, "file")));
    }

    private URI add(String path, Page page) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', was '" + path + "'");
        }
        if (pages.size() >= capacity && !pages.containsKey(path)) {
            throw new IllegalStateException("the page server holds " + capacity + " pages, its capacity; cannot add "
                    + path);
        }
        pages.put(path, page);
        return url(path);
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Page page = pages.get(exchange.getRequestURI().getRawPath());
            if (page == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = page.bytes() != null ? page.bytes() : Files.readAllBytes(page.file());
            if (page.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", page.contentType());
            }
            // -1: no body at all (0 would mean a chunked body of any length).
            exchange.sendResponseHeaders(page.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
