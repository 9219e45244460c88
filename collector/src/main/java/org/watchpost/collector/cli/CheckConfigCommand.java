package org.watchpost.collector.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.watchpost.collector.config.CollectorConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code check-config}: validates a config file and prints every problem as {@code FILE:LINE:COL: message}. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Check a configuration file. Exit 0 if it is valid; otherwise print every problem as "
                + "FILE:LINE:COL: message on stderr and exit 2.")
final class CheckConfigCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The collector configuration (YAML).")
    Path config;

    @Override
    public Integer call() {
        CollectorConfig c = ConfigFiles.loadOrPrint(config, spec.commandLine().getErr());
        if (c == null) {
            return CollectorMain.EXIT_ERROR;
        }
        spec.commandLine().getOut().printf("%s: valid, %d agent%s, %s%n", config, c.agents().size(),
                c.agents().size() == 1 ? "" : "s", c.database() == null
                        ? "SQLite at " + c.dataDir().resolve("collector.db") : "PostgreSQL at " + c.database());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
