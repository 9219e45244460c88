package org.watchpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The hardening and limits every shipped unit must keep (systemd-analyze checks the syntax in SystemdUnitsIT). */
class SystemdUnitsTest {
    @Test
    void bothUnitsRunConfinedAsTheWatchpostUserWithLimitsAndAReload() {
        for (String unit : List.of("watchpost-agent", "watchpost-collector")) {
            String text = RepoFiles.read("deploy/systemd/" + unit + ".service");
            assertThat(text).as(unit)
                    .contains("\nUser=watchpost\n", "\nStateDirectory=watchpost/", "\nProtectSystem=strict\n",
                            "\nNoNewPrivileges=yes\n", "\nRestart=on-failure\n", "\nExecReload=/bin/kill -HUP $MAINPID\n",
                            "\nExecStart=/usr/bin/" + unit + " run --config /etc/watchpost/", "\nMemoryMax=",
                            "-XX:+ExitOnOutOfMemoryError", "-Xss", "-Xmx", "\nWantedBy=multi-user.target\n")
                    .containsPattern("-XX:\\+Use(Serial|G1)GC");
        }
    }

    @Test
    void theHeapCapLeavesRoomUnderMemoryMax() {
        assertHeapUnder("watchpost-agent", 192, 384);
        assertHeapUnder("watchpost-collector", 512, 1024);
    }

    private static void assertHeapUnder(String unit, int xmxMiB, int memoryMaxMiB) {
        String text = RepoFiles.read("deploy/systemd/" + unit + ".service");
        assertThat(text).contains("-Xmx" + xmxMiB + "m");
        assertThat(text).containsPattern("\nMemoryMax=" + (memoryMaxMiB % 1024 == 0 ? (memoryMaxMiB / 1024) + "G"
                : memoryMaxMiB + "M") + "\n");
        // Heap at most half of the cgroup's limit: metaspace, thread stacks, code cache and buffers need the rest.
        assertThat(xmxMiB * 2).isLessThanOrEqualTo(memoryMaxMiB);
    }

    @Test
    void theLaunchersDefaultsMatchTheUnits() {
        for (String unit : List.of("watchpost-agent", "watchpost-collector")) {
            String service = RepoFiles.read("deploy/systemd/" + unit + ".service");
            String launcher = RepoFiles.read("deploy/bin/" + unit);
            String flags = service.substring(service.indexOf("JAVA_OPTS=") + "JAVA_OPTS=".length());
            flags = flags.substring(0, flags.indexOf('"'));
            assertThat(launcher).as(unit + " launcher defaults").contains(": \"${JAVA_OPTS:=" + flags + "}\"");
            assertThat(RepoFiles.read("deploy/etc/default/" + unit)).as(unit + " /etc/default").contains(flags);
        }
    }
}
