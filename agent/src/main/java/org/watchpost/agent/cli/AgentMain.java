package org.watchpost.agent.cli;

import java.io.PrintWriter;
import org.watchpost.protocol.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code watchpost-agent.jar}. Exit codes: 0 success (for {@code classify}: the page is up), 1 the page
 * is degraded or down ({@code classify}), 2 a usage, configuration or runtime error.
 */
@Command(name = "watchpost-agent",
        mixinStandardHelpOptions = true,
        versionProvider = AgentMain.VersionProvider.class,
        description = "Watches public pages and recognises what real web stacks print when they fail.",
        subcommands = {RunCommand.class, ClassifyCommand.class, CheckConfigCommand.class, DemoCommand.class,
                CommandLine.HelpCommand.class})
public final class AgentMain implements Runnable {
    /** Usage, configuration and runtime errors. */
    static final int EXIT_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for main and for tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new AgentMain());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println("watchpost-agent " + cmd.getCommandName() + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
            if (System.getenv("WATCHPOST_DEBUG") != null) {
                e.printStackTrace(err);
            }
            err.flush();
            return EXIT_ERROR;
        });
        cli.setExitCodeExceptionMapper(e -> EXIT_ERROR);
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"watchpost-agent " + Version.current()};
        }
    }
}
