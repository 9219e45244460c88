package org.watchpost.collector.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.watchpost.collector.ingest.AgentTokens;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code token}: a new agent token. The token itself is printed once and kept nowhere; the collector only ever holds
 * its SHA-256.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Make a new random agent token.",
                "Line 1 of stdout is the token: put it, alone, in the file the agent's collector.token_file names."
                        + " Line 2 is the 'token_sha256: …' line to paste under the agent's entry in the collector's"
                        + " agents list. The token is shown only this once."})
final class TokenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String token = AgentTokens.newToken(new SecureRandom());
        PrintWriter out = spec.commandLine().getOut();
        out.println(token);
        out.println("token_sha256: " + AgentTokens.sha256Hex(token));
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println("The first line is the agent's token (for its collector.token_file; it is shown only this once),"
                + " the second goes under the agent's entry in the collector's 'agents' list.");
        err.flush();
        return 0;
    }
}
