package org.watchpost.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The demo as a new user first sees it: in a real terminal (tmux, 120×30), the live table is redrawn in place for a
 * while and nothing of earlier frames is left above it.
 */
class DemoTerminalIT {
    private final String session = "watchpost-demo-" + ProcessHandle.current().pid();
    private final Path tmux = Binaries.require("tmux", "tmux");

    @AfterEach
    void killSession() throws Exception {
        run(List.of(tmux.toString(), "kill-session", "-t", session), true);
    }

    @Test
    void theTableRedrawsInPlaceInARealTerminal() throws Exception {
        Path jar = AgentProcess.agentJar();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // `; sleep` keeps the pane open after the demo ends, so the last screen can still be read.
        run(List.of(tmux.toString(), "new-session", "-d", "-s", session, "-x", "120", "-y", "30",
                java + " -jar " + jar + " demo --duration 20s --collector none; sleep 60"), false);

        // The demo redraws twice a second for its 20 s (each redraw used to leave a header line behind), then says so.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> screen().contains("Stopping the demo."));

        List<String> screen = screen();
        assertThat(screen).as(String.join("\n", screen))
                .anySatisfy(l -> assertThat(l).matches("press +DOWN +DOWN +db_storage_full .*"));
        assertThat(screen.stream().filter(l -> l.startsWith("TARGET ")).count())
                .as(String.join("\n", screen)).isEqualTo(1);
        assertThat(screen).anySatisfy(l -> assertThat(l).startsWith("Watchpost demo:"));
        assertThat(screen).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
    }

    private List<String> screen() throws Exception {
        return Arrays.asList(run(List.of(tmux.toString(), "capture-pane", "-p", "-t", session), false).split("\n"));
    }

    private static String run(List<String> command, boolean mayFail) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        if (exit != 0 && !mayFail) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ": " + out);
        }
        return out;
    }
}
