package org.watchpost.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.agent.config.AgentConfig;
import org.watchpost.config.ConfigException;
import org.watchpost.agent.config.ConfigLoader;
import org.watchpost.config.ConfigProblem;
import org.watchpost.config.HostPort;
import org.watchpost.agent.config.LogSettings;
import org.watchpost.agent.daemon.Agent;
import org.watchpost.agent.detect.DetectorSettings;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.log.LogHandle;
import org.watchpost.agent.log.LogSetup;
import org.watchpost.agent.probe.HttpProber;
import org.watchpost.agent.time.TimeSource;
import org.watchpost.agent.web.AgentServer;
import org.watchpost.protocol.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run}: the daemon. SIGTERM or SIGINT stop scheduling, let running probes finish, flush logs and exit 0;
 * SIGHUP (or {@code POST /-/reload}) reloads the configuration, keeping the running one if the new one is invalid.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the agent as a daemon.",
                "SIGTERM: stop scheduling, finish running probes, flush, exit 0. SIGHUP: reload the configuration."})
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The agent configuration (YAML).")
    Path configFile;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Overrides agent.listen, e.g. 127.0.0.1:9920 (port 0: any free port).")
    String listen;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Overrides agent.data_dir.")
    Path dataDir;

    @Option(names = "--log-format", paramLabel = "text|json", description = "Overrides log.format.")
    String logFormat;

    private volatile LogHandle logs;
    private HostPort listenOverride;
    private LogSettings.Format formatOverride;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        try {
            listenOverride = listen == null ? null : HostPort.parse(listen);
            formatOverride = logFormat == null ? null : parseFormat(logFormat);
        } catch (IllegalArgumentException e) {
            err.println("run: " + e.getMessage());
            return AgentMain.EXIT_ERROR;
        }
        AgentConfig loaded = ConfigFiles.loadOrPrint(configFile, err);
        if (loaded == null) {
            return AgentMain.EXIT_ERROR;
        }
        AgentConfig config = withOverrides(loaded);
        Path data = config.agent().dataDir();
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            err.println("run: cannot create the data directory " + data + ": " + e.getMessage()
                    + " (set agent.data_dir or --data-dir to a writable directory)");
            return AgentMain.EXIT_ERROR;
        }
        logs = LogSetup.configure(config.log(), data.resolve("logs"));
        log.info("watchpost-agent {} starting with {} (agent id {})", Version.current(), configFile,
                config.agent().id());

        Agent agent;
        try {
            agent = new Agent(config, new HttpProber(TimeSource.system()), SignatureLibrary.builtIn(),
                    DetectorSettings.DEFAULTS, TimeSource.system(), () -> logs.counts());
        } catch (IOException e) {
            err.println("run: cannot open the journal under " + data + ": " + e.getMessage());
            logs.close();
            return AgentMain.EXIT_ERROR;
        }
        CountDownLatch stop = new CountDownLatch(1);
        AgentServer server;
        try {
            server = new AgentServer(config.agent().listen(), agent.metrics().registry(), agent::statuses,
                    () -> agent.isStarted() && stop.getCount() > 0,
                    () -> reload(agent),
                    agent.metrics()::httpRequestRejected);
        } catch (RuntimeException e) {
            err.println("run: " + e.getMessage());
            logs.close();
            return AgentMain.EXIT_ERROR;
        }
        Signals.on("TERM", () -> stop.countDown());
        Signals.on("INT", () -> stop.countDown());
        Signals.on("HUP", () -> reload(agent));
        server.start();
        agent.start();
        // Printed for scripts and tests that start the agent on port 0.
        log.info("ready: http://{}/metrics", server.hostPort());

        stop.await();
        log.info("stopping: no new probes; waiting for running ones");
        boolean clean = agent.shutdown(java.time.Duration.ofSeconds(15));
        if (!clean) {
            log.warn("some probes did not finish within 15s and were interrupted");
        }
        server.close();
        log.info("stopped");
        logs.close();
        return 0;
    }

    private synchronized AgentServer.Reloader.Outcome reload(Agent agent) {
        try {
            AgentConfig next = withOverrides(ConfigLoader.load(configFile));
            agent.reload(next);
            logs = LogSetup.configure(next.log(), agent.config().agent().dataDir().resolve("logs"));
            agent.metrics().reloaded(true);
            return new AgentServer.Reloader.Outcome(true, "reloaded " + configFile + ": "
                    + next.targets().size() + " targets");
        } catch (ConfigException e) {
            agent.metrics().reloaded(false);
            for (ConfigProblem p : e.problems()) {
                log.error("reload rejected, keeping the running configuration: {}", p);
            }
            return new AgentServer.Reloader.Outcome(false, "reload rejected, the running configuration is kept:\n"
                    + e.getMessage());
        } catch (IOException | RuntimeException e) {
            agent.metrics().reloaded(false);
            log.error("reload failed, keeping the running configuration: {}", e.getMessage());
            return new AgentServer.Reloader.Outcome(false, "reload failed, the running configuration is kept: "
                    + e.getMessage());
        }
    }

    /** The command line wins over the file: --listen, --data-dir and --log-format, at start and on reload. */
    private AgentConfig withOverrides(AgentConfig c) {
        var agentSettings = c.agent();
        if (listenOverride != null) {
            agentSettings = agentSettings.withListen(listenOverride);
        }
        if (dataDir != null) {
            agentSettings = agentSettings.withDataDir(dataDir);
        }
        LogSettings logSettings = formatOverride == null ? c.log() : c.log().withFormat(formatOverride);
        return c.with(agentSettings, logSettings);
    }

    static LogSettings.Format parseFormat(String s) {
        return switch (s) {
            case "text" -> LogSettings.Format.TEXT;
            case "json" -> LogSettings.Format.JSON;
            default -> throw new IllegalArgumentException("--log-format must be text or json, got '" + s + "'");
        };
    }
}
