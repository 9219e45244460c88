package org.watchpost.collector.fleettest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A loopback HTTP server that records every POST and answers with the status a test sets: Alertmanager's API, a
 * webhook receiver, or Alertmanager's own webhook receiver in the e2e tests.
 */
public final class Receiver implements AutoCloseable {
    /** One request as received. */
    public record Received(String path, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> refused = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    public Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on 127.0.0.1", e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Received r = new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                    body);
            int answer = status;
            (answer / 100 == 2 ? received : refused).add(r);
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The status every following request gets: 200, 503 (down), 400 (refuses the body). */
    public void answer(int status) {
        this.status = status;
    }

    /** Requests answered with a 2xx. */
    public List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Requests answered with something else. */
    public List<Received> refused() {
        return new ArrayList<>(refused);
    }

    public void clear() {
        received.clear();
        refused.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
