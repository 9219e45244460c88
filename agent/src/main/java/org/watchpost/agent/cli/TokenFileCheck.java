package org.watchpost.agent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/** The collector token is the agent's password: a token file that other users can read deserves a warning. */
final class TokenFileCheck {
    private TokenFileCheck() {
    }

    /** A sentence to log when {@code file} is readable by its group or by others; empty when it is not (or unknown). */
    static Optional<String> warning(Path file) {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return Optional.empty(); // not a POSIX filesystem, or missing: the forwarder says so when it reads it
        }
        boolean group = perms.contains(PosixFilePermission.GROUP_READ);
        boolean others = perms.contains(PosixFilePermission.OTHERS_READ);
        if (!group && !others) {
            return Optional.empty();
        }
        return Optional.of("the collector token file " + file.toAbsolutePath() + " is readable by "
                + (others ? "every user of this machine" : "its group") + " (" + PosixFilePermissions.toString(perms)
                + "); whoever reads it can report as this agent: chmod 600 " + file.toAbsolutePath());
    }
}
