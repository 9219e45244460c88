package org.watchpost.agent.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the real programs the e2e tests drive. A missing one is a failure, never a skip: a green build that quietly
 * left out MariaDB would claim a coverage it does not have. {@code .ci/run} installs them all.
 */
final class Binaries {
    /** Debian keeps server daemons in sbin, which a non-login shell's PATH may lack. */
    private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private Binaries() {
    }

    /**
     * @param name          the program, such as {@code mariadbd}
     * @param debianPackage the package that installs it, named in the failure message
     * @throws IllegalStateException naming the program, where it was looked for and what to install
     */
    static Path require(String name, String debianPackage) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(dir);
                }
            }
        }
        for (String dir : EXTRA_DIRS) {
            if (!dirs.contains(dir)) {
                dirs.add(dir);
            }
        }
        for (String dir : dirs) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the e2e tests need '" + name + "', which is not on PATH nor in "
                + String.join(", ", EXTRA_DIRS) + ": install the Debian package " + debianPackage
                + " (apt-get install " + debianPackage + "), or run .ci/run, which installs everything the e2e tests use");
    }
}
