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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real agent, run the way users run it: {@code java -jar watchpost-agent.jar run --config FILE --listen
 * 127.0.0.1:PORT --data-dir DIR} in its own JVM, its output in {@code agent.log} under the data dir.
 *
 * <pre>{@code
 * try (AgentProcess agent = AgentProcess.start(configFile, dataDir)) {
 *     PrometheusText m = PrometheusText.parse(agent.metrics());
 * }   // SIGTERM; fails unless the agent exits 0
 * }</pre>
 */
public final class AgentProcess implements AutoCloseable {
    /** Set by failsafe in the e2e profile to the shaded jar that {@code package} built. */
    public static final String JAR_PROPERTY = "agent.jar";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final LocalProcess process;
    private final int port;
    private final HttpClient http;
    private Integer exitCode;

    private AgentProcess(LocalProcess process, int port, HttpClient http) {
        this.process = process;
        this.port = port;
        this.http = http;
    }

    /**
     * Starts the agent on a free port of 127.0.0.1 and returns once {@code GET /-/ready} answers 200.
     *
     * @param config  the agent config file
     * @param dataDir the agent's data dir; also where {@code agent.log} goes
     * @throws IllegalStateException when the jar is missing, or the agent exits or is not ready in 60 s (with the end
     *                               of its log)
     */
    public static AgentProcess start(Path config, Path dataDir) {
        return start(config, dataDir, List.of());
    }

    /**
     * As {@link #start(Path, Path)}, with extra JVM flags before {@code -jar}, for instance
     * {@code -Djavax.net.ssl.trustStore=FILE} so that the agent trusts a test's own TLS certificate.
     */
    public static AgentProcess start(Path config, Path dataDir, List<String> jvmOptions) {
        Path jar = agentJar();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dataDir.resolve("agent.log");
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the agent data dir " + dataDir, e);
        }
        int port = LocalProcess.freeLoopbackPort();
        List<String> command = new ArrayList<>(List.of(java.toString(),
                // A small heap: the agent is meant to be small, and the build shares two cores with the servers.
                "-Xmx128m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(),
                "run",
                "--config", config.toString(),
                "--listen", "127.0.0.1:" + port,
                "--data-dir", dataDir.toString()));
        LocalProcess process = LocalProcess.start("watchpost agent", command, Map.of(), log);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        AgentProcess agent = new AgentProcess(process, port, http);
        boolean ready;
        try {
            ready = process.awaitReady("ready (GET /-/ready answering 200)", START_TIMEOUT,
                    () -> agent.statusOf("/-/ready") == 200);
        } catch (RuntimeException e) {
            process.stop(STOP_GRACE);
            throw e;
        }
        if (!ready) {
            throw new IllegalStateException("the agent exited with code " + process.exitCodeOrMinusOne()
                    + " before GET /-/ready answered 200 (started as: java -jar " + jar + " run --config " + config
                    + " --listen 127.0.0.1:" + port + " --data-dir " + dataDir + ")\n" + process.logTail());
        }
        return agent;
    }

    static Path agentJar() {
        String property = System.getProperty(JAR_PROPERTY);
        if (property == null || property.isBlank()) {
            throw new IllegalStateException("system property " + JAR_PROPERTY + " is not set: run the e2e tests"
                    + " through Maven (./mvnw -B verify -Pe2e), whose failsafe configuration points it at the agent jar");
        }
        Path jar = Path.of(property);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the agent jar " + jar + " (system property " + JAR_PROPERTY
                    + ") does not exist: the package phase builds it, so run verify, not just integration-test");
        }
        return jar;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** {@code http://127.0.0.1:PORT} followed by {@code path}, which starts with a slash. */
    public URI url(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', was '" + path + "'");
        }
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The text of {@code GET /metrics}; see {@link PrometheusText#parse}. */
    public String metrics() {
        return get("/metrics");
    }

    /**
     * The body of {@code GET path}.
     *
     * @throws IllegalStateException unless the agent answers 200, with the status and the body
     */
    public String get(String path) {
        HttpResponse<String> response = send(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " on the agent answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /** The end of the agent's log, for failure messages. */
    public String logTail() {
        return process.logTail();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends SIGTERM to the agent's PID and waits up to 20 s (then SIGKILL).
     *
     * @return the exit code; the contract says 0
     */
    public int stop() {
        if (exitCode == null) {
            exitCode = process.stop(STOP_GRACE);
        }
        return exitCode;
    }

    /**
     * Stops the agent and fails unless it exited 0, as the contract requires on SIGTERM.
     *
     * @throws AssertionError with the exit code and the end of the log
     */
    @Override
    public void close() {
        boolean wasAlive = exitCode == null && process.isAlive();
        int code = stop();
        if (code != 0) {
            throw new AssertionError("the agent exited with code " + code
                    + (wasAlive ? " after SIGTERM" : " on its own before it was stopped")
                    + "; the contract says SIGTERM stops it with exit code 0\n" + logTail());
        }
    }

    private int statusOf(String path) {
        try {
            return send(path).statusCode();
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    private HttpResponse<String> send(String path) {
        HttpRequest request = HttpRequest.newBuilder(url(path)).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " on the agent failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + path, e);
        }
    }
}
