package org.watchpost.agent.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real collector, run the way users run it: {@code java -jar watchpost-collector.jar run --config FILE} in its own
 * JVM, its output in {@code collector.log} in {@code logDir}. The config names the port ({@code collector.listen}),
 * because the agents' configs need the collector's URL before it starts; the caller picks a free one.
 *
 * <pre>{@code
 * int port = CollectorProcess.freePort();
 * try (CollectorProcess collector = CollectorProcess.start(configFile, port, dir)) { ... }
 * }</pre>
 */
public final class CollectorProcess implements AutoCloseable {
    /** Set by failsafe in the deploy module to the shaded jar that the collector module's package phase built. */
    public static final String JAR_PROPERTY = "collector.jar";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final LocalProcess process;
    private final int port;
    private final HttpClient http;

    private CollectorProcess(LocalProcess process, int port, HttpClient http) {
        this.process = process;
        this.port = port;
        this.http = http;
    }

    public static int freePort() {
        return LocalProcess.freeLoopbackPort();
    }

    /**
     * Starts the collector and returns once {@code GET /-/ready} on 127.0.0.1:{@code port} answers 200.
     *
     * @throws IllegalStateException when the jar is missing, or the collector exits or is not ready in time (with the
     *                               end of its log)
     */
    public static CollectorProcess start(Path config, int port, Path logDir) {
        String property = System.getProperty(JAR_PROPERTY);
        if (property == null || property.isBlank()) {
            throw new IllegalStateException("system property " + JAR_PROPERTY + " is not set: run the e2e tests"
                    + " through Maven (./mvnw -B verify -Pe2e), whose failsafe configuration points it at the jar");
        }
        Path jar = Path.of(property);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the collector jar " + jar + " (system property " + JAR_PROPERTY
                    + ") does not exist: the collector module's package phase builds it");
        }
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + logDir, e);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        LocalProcess process = LocalProcess.start("watchpost collector", List.of(java.toString(), "-Xmx256m",
                "-jar", jar.toString(), "run", "--config", config.toString()), Map.of(), logDir.resolve("collector.log"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        CollectorProcess collector = new CollectorProcess(process, port, http);
        boolean ready;
        try {
            ready = process.awaitReady("ready (GET /-/ready answering 200 on port " + port + ")", START_TIMEOUT,
                    () -> collector.status(HttpRequest.newBuilder(collector.url("/-/ready")).GET()) == 200);
        } catch (RuntimeException e) {
            process.stop(STOP_GRACE);
            throw e;
        }
        if (!ready) {
            throw new IllegalStateException("the collector exited with code " + process.exitCodeOrMinusOne()
                    + " before GET /-/ready answered 200 (started as: java -jar " + jar + " run --config " + config
                    + ")\n" + process.logTail());
        }
        return collector;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The status of a request to the collector, -1 when it could not be sent. */
    public int status(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The body of {@code GET path}.
     *
     * @throws IllegalStateException unless the collector answers 200, with the status and the body
     */
    public String get(String path) {
        HttpRequest request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " on the collector failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + path + " on the collector", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " on the collector answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * SIGKILL ({@code kill -9}): the collector gets no chance to finish a request or close its database. Returns once
     * the process is gone.
     */
    public void kill() {
        ProcessHandle handle = ProcessHandle.of(process.pid()).orElse(null);
        if (handle != null) {
            handle.destroyForcibly();
            handle.onExit().join();
        }
        process.stop(STOP_GRACE);
    }

    public String logTail() {
        return process.logTail();
    }

    /** SIGTERM, then SIGKILL after 20 s. How it exits is the business of the collector's own tests. */
    @Override
    public void close() {
        process.stop(STOP_GRACE);
    }
}
