package org.watchpost.agent.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.watchpost.agent.config.AgentConfig;
import org.watchpost.agent.config.ConfigException;
import org.watchpost.agent.config.ConfigLoader;
import org.watchpost.agent.config.ConfigProblem;
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
        try {
            AgentConfig c = ConfigLoader.load(config);
            spec.commandLine().getOut().printf("%s: valid, %d target%s%n", config, c.targets().size(),
                    c.targets().size() == 1 ? "" : "s");
            return 0;
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                spec.commandLine().getErr().println(p);
            }
            return AgentMain.EXIT_ERROR;
        } catch (NoSuchFileException e) {
            spec.commandLine().getErr().println(config + ": no such file");
            return AgentMain.EXIT_ERROR;
        } catch (IOException e) {
            spec.commandLine().getErr().println(config + ": cannot read: " + e.getMessage());
            return AgentMain.EXIT_ERROR;
        }
    }
}
