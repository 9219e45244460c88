package org.watchpost.collector.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.collector.Collector;
import org.watchpost.collector.config.CollectorConfig;
import org.watchpost.config.HostPort;
import org.watchpost.protocol.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run}: the service. SIGTERM or SIGINT stop taking requests, let running ones finish and close the database;
 * the JVM then exits with 143 (SIGTERM) or 130 (SIGINT), which systemd units list in {@code SuccessExitStatus}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the collector.",
                "Logs go to stderr and to DATA_DIR/logs/collector.log (10MiB per file, 5 rolled files kept)."
                        + " SIGTERM: finish running requests, close the database, exit."})
final class RunCommand implements Callable<Integer> {
    /** Logback's file appender reads its directory from this property (see logback.xml). */
    static final String LOG_DIR_PROPERTY = "collector.log.dir";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The collector configuration (YAML).")
    Path configFile;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Overrides collector.listen, e.g. 127.0.0.1:9930 (port 0: any free port).")
    String listen;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Overrides collector.data_dir.")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        HostPort listenOverride;
        try {
            listenOverride = listen == null ? null : HostPort.parse(listen);
        } catch (IllegalArgumentException e) {
            err.println("run: --listen: " + e.getMessage());
            return CollectorMain.EXIT_ERROR;
        }
        CollectorConfig config = ConfigFiles.loadOrPrint(configFile, err);
        if (config == null) {
            return CollectorMain.EXIT_ERROR;
        }
        if (listenOverride != null) {
            config = config.withListen(listenOverride);
        }
        if (dataDir != null) {
            config = config.withDataDir(dataDir.toAbsolutePath());
        }
        Path logs = config.dataDir().resolve("logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            err.println("run: cannot create the data directory " + config.dataDir() + ": " + e.getMessage()
                    + " (set collector.data_dir or --data-dir to a writable directory)");
            return CollectorMain.EXIT_ERROR;
        }
        // Before the first logger exists: Logback reads it once, when it configures itself.
        System.setProperty(LOG_DIR_PROPERTY, logs.toString());
        Logger log = LoggerFactory.getLogger(RunCommand.class);
        log.info("watchpost-collector {} starting with {}", Version.current(), configFile);

        Collector collector;
        try {
            collector = Collector.start(config, Clock.systemUTC());
        } catch (RuntimeException e) {
            err.println("run: " + e.getMessage());
            return CollectorMain.EXIT_ERROR;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping: finishing running requests");
            collector.close();
            log.info("stopped");
            stopped.countDown();
            ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory()).stop();
        }, "collector-shutdown"));
        // Printed for scripts and tests that start the collector on port 0.
        log.info("ready: http://{}/metrics", collector.hostPort());
        stopped.await();
        return 0;
    }
}
