package org.watchpost.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.watchpost.agent.config.AgentConfig;
import org.watchpost.config.ConfigException;
import org.watchpost.agent.config.ConfigLoader;
import org.watchpost.config.Durations;
import org.watchpost.agent.config.LogSettings;
import org.watchpost.agent.daemon.Agent;
import org.watchpost.agent.demo.DemoCollector;
import org.watchpost.agent.demo.DemoSite;
import org.watchpost.agent.demo.FleetFeed;
import org.watchpost.agent.demo.LiveTable;
import org.watchpost.agent.detect.DetectorSettings;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.log.LogHandle;
import org.watchpost.agent.log.LogSetup;
import org.watchpost.agent.probe.HttpProber;
import org.watchpost.agent.state.TargetSnapshot;
import org.watchpost.agent.time.TimeSource;
import org.watchpost.agent.web.AgentServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.watchpost.config.HostPort;

/**
 * {@code demo}: a local site that fails like real ones, two real agents watching it from two "regions", and the real
 * collector (a child process on a SQLite file) deciding by consensus, opening incidents and serving its status page —
 * in one command with nothing installed but a JDK. Without a built collector jar the agents run on their own. Everything
 * it starts is stopped and its files removed when it ends.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a local demo site that reproduces the founding failure (and a few others), two agents "
                + "polling it every 2 s from two regions and a collector with its status page; show what they see "
                + "and decide as it changes. Ctrl-C stops everything."})
final class DemoCommand implements Callable<Integer> {
    /** When the demo press page's log table fills up. */
    static final Duration FILL_AFTER = Duration.ofSeconds(6);
    /** How long it stays full before the site's cron clears it: the incident then resolves. */
    static final Duration FULL_FOR = Duration.ofSeconds(30);
    /** The demo's two vantage points; the second reaches the site through the edge with a regional outage. */
    static final List<String> AGENTS = List.of("eu-1", "us-1");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Stop by itself after this long, e.g. 20s.")
    String duration;

    @Option(names = "--listen", defaultValue = "127.0.0.1:0", paramLabel = "HOST:PORT",
            description = "Where the agent's /metrics listens (default: a free loopback port).")
    String listen;

    @Option(names = "--collector", paramLabel = "JAR|none",
            description = "The collector jar to run (default: beside the agent jar, or the source tree's "
                    + "collector/target/watchpost-collector.jar); 'none' runs the agents on their own.")
    String collectorJar;

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
        DemoSite site = new DemoSite(time, FILL_AFTER, FULL_FOR, Duration.ofMillis(2500));
        Map<String, Agent> agents = new LinkedHashMap<>();
        List<AgentServer> servers = new ArrayList<>();
        DemoCollector collector = null;
        try {
            Optional<Path> jar = "none".equals(collectorJar) ? Optional.empty()
                    : collectorJar != null ? Optional.of(Path.of(collectorJar)) : DemoCollector.findJar();
            if (jar.isPresent()) {
                if (!Files.isRegularFile(jar.get())) {
                    spec.commandLine().getErr().println("demo: --collector: " + jar.get() + " is not a file");
                    return AgentMain.EXIT_ERROR;
                }
                collector = DemoCollector.start(jar.get(), dir.resolve("collector"), AGENTS, Duration.ofSeconds(10));
            }
            for (String id : AGENTS) {
                boolean firstEdge = id.equals(AGENTS.get(0));
                String yaml = demoConfig(id, firstEdge ? site::url : site::secondEdgeUrl, dir.resolve(id), collector);
                AgentConfig config = ConfigLoader.parse(dir.resolve(id + ".yml"), yaml, ConfigLoader.Secrets.READ);
                agents.put(id, new Agent(config, new HttpProber(time), SignatureLibrary.builtIn(),
                        DetectorSettings.DEFAULTS, time, logs::counts));
            }
            boolean ansi = !plain && System.console() != null && !"dumb".equals(System.getenv("TERM"));
            LiveTable table = new LiveTable(out, ansi, ansi ? LiveTable.terminalWidth() : 0, AGENTS);
            for (Map.Entry<String, Agent> a : agents.entrySet()) {
                Agent agent = a.getValue();
                agent.addListener(table.listener(a.getKey()));
                AgentServer server = new AgentServer(HostPort.parse(servers.isEmpty() ? listen : "127.0.0.1:0"),
                        agent.metrics()::writeText, agent::snapshots, agent::isStarted,
                        () -> new AgentServer.Reloader.Outcome(false, "the demo has no configuration file to reload"),
                        agent.metrics()::httpRequestRejected, Set.of(), agent.metrics()::httpRequestRefused);
                servers.add(server);
            }
            CountDownLatch stop = new CountDownLatch(1);
            Signals.on("INT", () -> stop.countDown());
            Signals.on("TERM", () -> stop.countDown());
            for (AgentServer server : servers) {
                server.start();
            }
            site.start();
            agents.values().forEach(Agent::start);
            FleetFeed feed = collector == null ? null : new FleetFeed(collector.url());
            out.println("Watchpost demo: a small institutional site that fails the way real ones do, two agents "
                    + "watching it from two regions" + (collector == null ? "." : ", and a collector deciding."));
            out.println("  site:        " + site.url("/") + " (region 1), " + site.secondEdgeUrl("/") + " (region 2)");
            int n = 0;
            for (String id : AGENTS) {
                out.println("  agent " + id + ":  http://" + servers.get(n++).hostPort() + "/metrics");
            }
            if (collector != null) {
                out.println("  status page: " + collector.url() + "/");
                out.println("  collector:   " + collector.url() + "/metrics, " + collector.url() + "/api/v1/agents");
            } else {
                out.println("  collector:   " + ("none".equals(collectorJar) ? "none (--collector none)"
                        : "not found (build it with ./mvnw -q -B package -DskipTests, or name it with --collector)")
                        + "; the agents run on their own");
            }
            out.println("  logs:        " + dir.resolve("logs"));
            out.println("The press page renders its article; in " + FILL_AFTER.toSeconds() + " s its log table "
                    + "fills up, as in the founding case, and " + FULL_FOR.toSeconds() + " s later cron clears it. "
                    + "The portal fails in region 2 only. " + (limit == null ? "Ctrl-C stops."
                    : "Stops after " + Durations.format(limit) + " (or Ctrl-C)."));
            out.println();
            out.flush();
            long deadline = limit == null ? Long.MAX_VALUE : time.nanoTime() + limit.toNanos();
            do {
                Map<String, List<TargetSnapshot>> views = new LinkedHashMap<>();
                agents.forEach((id, agent) -> views.put(id, agent.snapshots()));
                table.render(views, feed == null ? null : feed.read());
            } while (!stop.await(500, TimeUnit.MILLISECONDS) && time.nanoTime() < deadline);
            out.println();
            out.println("Stopping the demo.");
            out.flush();
            return 0;
        } catch (ConfigException e) {
            throw new IllegalStateException("the demo's own configuration is invalid: " + e.getMessage(), e);
        } catch (IOException e) {
            spec.commandLine().getErr().println("demo: " + e.getMessage());
            return AgentMain.EXIT_ERROR;
        } finally {
            for (Agent agent : agents.values()) {
                agent.shutdown(Duration.ofSeconds(3));
            }
            for (AgentServer server : servers) {
                server.close();
            }
            if (collector != null) {
                collector.close();
            }
            site.close();
            logs.close();
            deleteTree(dir);
        }
    }

    /**
     * One demo agent's configuration, in the same YAML a user writes. All pages live on one host, so the per-host
     * limits are opened up: with the defaults (one probe at a time, 200 ms apart) the slow page would delay the rest.
     */
    static String demoConfig(String id, Function<String, URI> url, Path dir, DemoCollector collector) {
        String forward = collector == null ? "" : """
                collector: { url: "%s", token_file: "%s", batch_max_wait: 500ms, max_backoff: 2s }
                """.formatted(collector.url(), collector.tokenFile(id));
        return """
                agent: { id: %s, data_dir: "%s", max_concurrency: 8 }
                log: { level: warn }
                %sdefaults:
                  interval: 2s
                  timeout: 1500ms
                  failure_threshold: 1
                  success_threshold: 1
                  per_host_concurrency: 8
                  per_host_min_spacing: 0ms
                targets:
                  - { name: news, url: "%s", labels: { site: agency, team: web } }
                  - { name: press, url: "%s", labels: { site: agency, team: web } }
                  - { name: portal, url: "%s", labels: { site: agency, team: web } }
                  - { name: blog, url: "%s", labels: { site: blog, team: comms } }
                  - { name: search, url: "%s", labels: { site: agency, team: web } }
                  - { name: library, url: "%s", labels: { site: library, team: library } }
                """.formatted(id, dir, forward, url.apply("/news"), url.apply("/press"), url.apply("/portal"),
                url.apply("/blog"), url.apply("/search"), url.apply("/library"));
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
