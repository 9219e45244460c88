package org.watchpost.agent.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.watchpost.agent.config.AgentConfig;
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

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The agent configuration (YAML).")
    Path config;

    @Override
    public Integer call() {
        AgentConfig c = ConfigFiles.loadOrPrint(config, spec.commandLine().getErr());
        if (c == null) {
            return AgentMain.EXIT_ERROR;
        }
        spec.commandLine().getOut().printf("%s: valid, %d target%s%n", config, c.targets().size(),
                c.targets().size() == 1 ? "" : "s");
        return 0;
    }
}
