package org.watchpost.agent.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool the deploy tests run to completion (promtool, amtool, systemd-analyze, a launcher), found
 * through {@link Binaries} so that a missing one fails naming its Debian package.
 *
 * <pre>{@code
 * Tool.Result r = Tool.require("promtool", "prometheus").run(List.of("check", "rules", file), Map.of());
 * assertThat(r.exitCode()).as(r.describe()).isZero();
 * }</pre>
 */
public final class Tool {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Path program;

    private Tool(Path program) {
        this.program = program;
    }

    /** @throws IllegalStateException naming the program and the Debian package to install */
    public static Tool require(String name, String debianPackage) {
        return new Tool(Binaries.require(name, debianPackage));
    }

    /** A program given by its path, such as a launcher of the tarball. */
    public static Tool at(Path program) {
        return new Tool(program);
    }

    public record Result(String command, int exitCode, String output) {
        public String describe() {
            return command + " exited " + exitCode + ":\n" + output;
        }
    }

    /** Runs the program with {@code args} and {@code extraEnv}; stdout and stderr together in the output. */
    public Result run(List<String> args, Map<String, String> extraEnv) {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(args);
        try {
            Path out = Files.createTempFile("watchpost-tool-", ".out");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                pb.environment().putAll(extraEnv);
                Process p = pb.start();
                if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in " + TIMEOUT);
                }
                return new Result(String.join(" ", command), p.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
