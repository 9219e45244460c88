package org.watchpost.collector.cli;

import java.io.PrintWriter;
import org.watchpost.protocol.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code watchpost-collector.jar}. Exit codes: 0 success, 2 a usage, configuration or runtime error.
 */
@Command(name = "watchpost-collector",
        mixinStandardHelpOptions = true,
        versionProvider = CollectorMain.VersionProvider.class,
        description = {"The Watchpost collector: agents push their check results to it (POST /api/v1/reports);"
                + " it authenticates them, stores every result exactly once with bounded history, and shows each"
                + " agent's results, sequence gaps and health in its JSON API and on /metrics.",
                "Consensus, incidents, alerts and the status page are not part of this release."},
        subcommands = {RunCommand.class, CheckConfigCommand.class, TokenCommand.class,
                CommandLine.HelpCommand.class})
public final class CollectorMain implements Runnable {
    /** Usage, configuration and runtime errors. */
    static final int EXIT_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for main and for tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CollectorMain());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println("watchpost-collector " + cmd.getCommandName() + ": " + (e.getMessage() == null
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
            return new String[] {"watchpost-collector " + Version.current()};
        }
    }
}
