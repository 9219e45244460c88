package org.watchpost.agent.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The demo's collector: the real collector jar, run as a child process on a free loopback port with a SQLite database
 * in the demo's temporary directory, and one token per demo agent. The demo ends it (SIGTERM, then SIGKILL after 15 s)
 * when it stops, and a shutdown hook does the same if the demo is interrupted on its way out, so no collector outlives
 * the demo.
 */
public final class DemoCollector implements AutoCloseable {
    /** Where to look for the collector jar, relative to the agent jar's directory. */
    private static final List<String> NEXT_TO_AGENT = List.of("watchpost-collector.jar",
            "../../collector/target/watchpost-collector.jar");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Process process;
    private final URI url;
    private final Map<String, Path> tokenFiles;
    private final Path log;
    private final Thread hook;

    private DemoCollector(Process process, URI url, Map<String, Path> tokenFiles, Path log) {
        this.process = process;
        this.url = url;
        this.tokenFiles = tokenFiles;
        this.log = log;
        this.hook = new Thread(process::destroy, "watchpost-demo-collector-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * The collector jar beside the agent jar (a distribution's lib/), else the source tree's {@code collector/target/}
     * (what {@code ./mvnw package} builds); empty when none exists.
     */
    public static Optional<Path> findJar() {
        Path agentJar;
        try {
            agentJar = Path.of(DemoCollector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
        Path dir = agentJar.getParent();
        if (dir == null || !agentJar.toString().endsWith(".jar")) {
            dir = agentJar; // classes directory: agent/target/classes
        }
        for (String candidate : NEXT_TO_AGENT) {
            Path p = dir.resolve(candidate).normalize();
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        Path fromClasses = dir.resolve("../../../collector/target/watchpost-collector.jar").normalize();
        return Files.isRegularFile(fromClasses) ? Optional.of(fromClasses) : Optional.empty();
    }

    /**
     * Starts the collector for {@code agentIds} and returns once it answers {@code GET /-/ready}.
     *
     * @throws IOException naming the log file when it exits or is not ready within 60 s
     */
    public static DemoCollector start(Path jar, Path dir, List<String> agentIds, Duration staleAfter)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        SecureRandom random = new SecureRandom();
        Map<String, Path> tokenFiles = new LinkedHashMap<>();
        StringBuilder agents = new StringBuilder();
        for (String id : agentIds) {
            byte[] raw = new byte[24];
            random.nextBytes(raw);
            String token = HexFormat.of().formatHex(raw);
            Path file = dir.resolve(id + ".token");
            Files.writeString(file, token + "\n");
            tokenFiles.put(id, file);
            agents.append("  - { id: ").append(id).append(", token_sha256: ").append(sha256(token)).append(" }\n");
        }
        int port = freePort();
        Path config = dir.resolve("collector.yml");
        // quorum = every demo agent: with the default (a majority of the agents with fresh results), the first agent to
        // report after start is a majority of one, and a failure only its region sees would open an incident.
        Files.writeString(config, """
                collector: { listen: "127.0.0.1:%d", data_dir: "%s" }
                agents:
                %s
                consensus: { stale_after: %ds, quorum: %d, success_threshold: 2, recovery_hold: 4s, evaluate_every: 1s }
                retention: { max_db_bytes: 64MiB, keep_free_bytes: 64MiB }
                """.formatted(port, dir.resolve("data"), agents.toString().stripTrailing(), staleAfter.toSeconds(),
                agentIds.size()));
        Path log = dir.resolve("collector.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        // In its own session where setsid(1) exists: Ctrl-C in the terminal then reaches the demo alone, which stops
        // its agents first (their last forward still finds the collector) and the collector last. Without it, the
        // collector got the same SIGINT and went away under the agents' last reports, which printed warnings.
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(List.of(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString(), "run",
                "--config", config.toString()));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        DemoCollector collector = new DemoCollector(p, URI.create("http://127.0.0.1:" + port), tokenFiles, log);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                collector.close();
                throw new IOException("the demo's collector exited with code " + p.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(collector.url.resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return collector;
                }
            } catch (IOException notYet) {
                // still starting
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        collector.close();
        throw new IOException("the demo's collector was not ready within " + READY_TIMEOUT.toSeconds() + " s; see "
                + log);
    }

    public URI url() {
        return url;
    }

    public Path tokenFile(String agentId) {
        return tokenFiles.get(agentId);
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: the process is being stopped anyway
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
