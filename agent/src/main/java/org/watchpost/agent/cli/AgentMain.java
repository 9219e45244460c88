package org.watchpost.agent.cli;

import org.watchpost.protocol.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code watchpost-agent.jar}. */
@Command(name = "watchpost-agent",
        mixinStandardHelpOptions = true,
        versionProvider = AgentMain.VersionProvider.class,
        description = "Watches public pages and recognises what real web stacks print when they fail.")
public final class AgentMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentMain()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"watchpost-agent " + Version.current()};
        }
    }
}
