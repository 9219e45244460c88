package org.watchpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.e2e.Tool;

/**
 * The units as systemd reads them ({@code systemd-analyze verify}, Debian package systemd), and the launchers they
 * start, run against the jars the build made. The units name {@code /usr/bin/watchpost-*}, which exist only once the
 * .deb is installed (.ci/package-check verifies the installed units too); here they point at deploy/bin instead.
 */
class SystemdUnitsIT {
    private final Tool analyze = Tool.require("systemd-analyze", "systemd");

    @Test
    void systemdAcceptsBothUnitsWithoutAWarning(@TempDir Path dir) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("verify"));
        for (String unit : List.of("watchpost-agent", "watchpost-collector")) {
            args.add(copyPointingAtLaunchers(unit, dir, "").toString());
        }
        Tool.Result r = analyze.run(args, Map.of());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.output()).as(r.describe()).isBlank();
    }

    /** The check can fail: a misspelt directive makes systemd-analyze speak. */
    @Test
    void aMisspeltDirectiveIsReported(@TempDir Path dir) throws Exception {
        Path unit = copyPointingAtLaunchers("watchpost-agent", dir, "ProtectSytem=strict\n");
        Tool.Result r = analyze.run(List.of("verify", unit.toString()), Map.of());
        assertThat(r.output()).contains("ProtectSytem");
    }

    @Test
    void theLaunchersRunTheJarsTheBuildMade() {
        Map<String, String> jars = Map.of("watchpost-agent", System.getProperty("agent.jar"),
                "watchpost-collector", System.getProperty("collector.jar"));
        jars.forEach((name, jar) -> {
            assertThat(jar).as("system property for the " + name + " jar").isNotBlank();
            String variable = name.replace("watchpost-", "WATCHPOST_").toUpperCase() + "_JAR";
            Tool.Result r = Tool.at(RepoFiles.path("deploy/bin/" + name)).run(List.of("--version"),
                    Map.of(variable, jar));
            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.output()).as(r.describe()).startsWith(name + " ");
        });
    }

    @Test
    void aLauncherWithoutItsJarSaysWhereItLooked(@TempDir Path dir) {
        Tool.Result r = Tool.at(RepoFiles.path("deploy/bin/watchpost-agent")).run(List.of("--version"),
                Map.of("WATCHPOST_AGENT_JAR", dir.resolve("missing.jar").toString()));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output()).contains("cannot read the jar " + dir.resolve("missing.jar"));
    }

    private static Path copyPointingAtLaunchers(String unit, Path dir, String extraServiceLine) throws Exception {
        String text = RepoFiles.read("deploy/systemd/" + unit + ".service")
                .replace("/usr/bin/watchpost-", RepoFiles.path("deploy/bin").toString() + "/watchpost-")
                .replace("[Service]\n", "[Service]\n" + extraServiceLine);
        Path copy = dir.resolve(unit + ".service");
        Files.writeString(copy, text, StandardCharsets.UTF_8);
        return copy;
    }
}
