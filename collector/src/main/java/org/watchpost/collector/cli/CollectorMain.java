package org.watchpost.collector.cli;

import org.watchpost.protocol.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The collector's command line. The collector service itself (ingest, consensus, incidents, alerts, status page)
 * arrives with its own issue; until then this shell builds, ships as a runnable jar and answers --help and --version.
 */
@Command(name = "watchpost-collector",
        mixinStandardHelpOptions = true,
        versionProvider = CollectorMain.VersionProvider.class,
        description = "The Watchpost collector: agents push check results to it; it decides by consensus, "
                + "opens incidents and alerts on-call staff.")
public final class CollectorMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CollectorMain()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"watchpost-collector " + Version.current()};
        }
    }
}
