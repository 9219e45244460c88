package org.watchpost.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.watchpost.agent.config.AgentConfig;
import org.watchpost.config.ConfigException;
import org.watchpost.agent.config.ConfigLoader;
import org.watchpost.config.Durations;
import org.watchpost.agent.config.LogSettings;
import org.watchpost.agent.daemon.Agent;
import org.watchpost.agent.demo.DemoSite;
import org.watchpost.agent.demo.LiveTable;
import org.watchpost.agent.detect.DetectorSettings;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.log.LogHandle;
import org.watchpost.agent.log.LogSetup;
import org.watchpost.agent.probe.HttpProber;
import org.watchpost.agent.time.TimeSource;
import org.watchpost.agent.web.AgentServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.watchpost.config.HostPort;

/**
 * {@code demo}: a local site that fails like real ones, and a real agent watching it, in one command with nothing
 * installed but a JDK. Everything it starts is stopped and its files removed when it ends.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a local demo site that reproduces the founding failure (and a few others) and an "
                + "agent polling it every 2 s; show what the agent sees as it changes. Ctrl-C stops everything."})
final class DemoCommand implements Callable<Integer> {
    /** When the demo press page's log table fills up. */
    static final Duration FILL_AFTER = Duration.ofSeconds(6);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Stop by itself after this long, e.g. 20s.")
    String duration;

    @Option(names = "--listen", defaultValue = "127.0.0.1:0", paramLabel = "HOST:PORT",
            description = "Where the agent's /metrics listens (default: a free loopback port).")
    String listen;

    @Option(names = "--plain", description = "Print changes line by line instead of redrawing a table.")
    boolean plain;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Duration limit = null;
        try {
            if (duration != null) {
                limit = Durations.parse(duration);
            }
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("demo: --duration: " + e.getMessage());
            return AgentMain.EXIT_ERROR;
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("watchpost-demo-");
        TimeSource time = TimeSource.system();
        // The table is the demo's output; the log goes to a file and only warnings reach the console.
        LogHandle logs = LogSetup.configure(new LogSettings(LogSettings.Level.WARN, LogSettings.Format.TEXT,
                1L << 20, 4L << 20), dir.resolve("logs"));
        DemoSite site = new DemoSite(time, FILL_AFTER, Duration.ofMillis(2500));
        Agent agent = null;
        AgentServer server = null;
        try {
            site.start();
            AgentConfig config = ConfigLoader.parse(dir.resolve("demo.yml"), demoConfig(site, dir));
            agent = new Agent(config, new HttpProber(time), SignatureLibrary.builtIn(), DetectorSettings.DEFAULTS,
                    time, logs::counts);
            Agent running = agent;
            server = new AgentServer(HostPort.parse(listen), agent.metrics().registry(),
                    agent::statuses, agent::isStarted,
                    () -> new AgentServer.Reloader.Outcome(false, "the demo has no configuration file to reload"),
                    agent.metrics()::httpRequestRejected);
            boolean ansi = !plain && System.console() != null && !"dumb".equals(System.getenv("TERM"));
            LiveTable table = new LiveTable(out, ansi, ansi ? LiveTable.terminalWidth() : 0);
            agent.addListener(table);
            CountDownLatch stop = new CountDownLatch(1);
            Signals.on("INT", () -> stop.countDown());
            Signals.on("TERM", () -> stop.countDown());
            server.start();
            agent.start();
            out.println("Watchpost demo: a small institutional site that fails the way real ones do.");
            out.println("  site:    " + site.url("/"));
            out.println("  metrics: http://" + server.hostPort() + "/metrics");
            out.println("  API:     http://" + server.hostPort() + "/api/v1/targets");
            out.println("  logs:    " + dir.resolve("logs"));
            out.println("The press page renders its article; in " + FILL_AFTER.toSeconds() + " s its log table "
                    + "fills up, as in the founding case. " + (limit == null ? "Ctrl-C stops."
                    : "Stops after " + Durations.format(limit) + " (or Ctrl-C)."));
            out.println();
            out.flush();
            long deadline = limit == null ? Long.MAX_VALUE : time.nanoTime() + limit.toNanos();
            while (!stop.await(500, TimeUnit.MILLISECONDS) && time.nanoTime() < deadline) {
                table.render(running.statuses());
            }
            table.render(running.statuses());
            out.println();
            out.println("Stopping the demo.");
            out.flush();
            return 0;
        } catch (ConfigException e) {
            throw new IllegalStateException("the demo's own configuration is invalid: " + e.getMessage(), e);
        } finally {
            if (agent != null) {
                agent.shutdown(Duration.ofSeconds(3));
            }
            if (server != null) {
                server.close();
            }
            site.close();
            logs.close();
            deleteTree(dir);
        }
    }

    /**
     * The demo's agent configuration, in the same YAML a user writes. All pages live on one host, so the per-host
     * limits are opened up: with the defaults (one probe at a time, 200 ms apart) the slow page would delay the rest.
     */
    static String demoConfig(DemoSite site, Path dir) {
        return """
                agent: { id: demo, data_dir: "%s", max_concurrency: 8 }
                log: { level: warn }
                defaults:
                  interval: 2s
                  timeout: 1500ms
                  failure_threshold: 1
                  success_threshold: 1
                  per_host_concurrency: 8
                  per_host_min_spacing: 0ms
                targets:
                  - { name: news, url: "%s" }
                  - { name: press, url: "%s" }
                  - { name: blog, url: "%s" }
                  - { name: search, url: "%s" }
                  - { name: library, url: "%s" }
                """.formatted(dir, site.url("/news"), site.url("/press"), site.url("/blog"), site.url("/search"),
                site.url("/library"));
    }

    private static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("demo: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
