package org.watchpost.agent.forward;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.watchpost.agent.config.BearerToken;
import org.watchpost.agent.config.CollectorSettings;
import org.watchpost.agent.config.JournalSettings;
import org.watchpost.agent.journal.Journal;
import org.watchpost.agent.journal.JournalFiles;
import org.watchpost.agent.time.TimeSource;
import org.watchpost.protocol.AgentHealth;

/**
 * Child main for {@link ForwarderDrainTest}: drains a journal to a collector under a small heap and prints
 * {@code drained cursor=N heap_used_max=BYTES} when nothing is left.
 */
public final class DrainChild {
    private DrainChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        URI collector = URI.create(args[1]);
        Journal journal = Journal.open(dir, JournalSettings.DEFAULTS, TimeSource.system(), JournalFiles.system());
        CollectorSettings s = new CollectorSettings(collector, Path.of("token"), null, 500, 1 << 20,
                Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofSeconds(30), new BearerToken("wp_drain"),
                List.of());
        Forwarder f = new Forwarder(s, journal.reader(), "eu-1",
                () -> new AgentHealth("t", Instant.EPOCH, 1, 1, 0, 1, Map.of(), 0, 0, 0),
                () -> journal.stats().stored(), TimeSource.system(), () -> 0.5);
        f.start();
        AtomicLong maxUsed = new AtomicLong();
        Runtime rt = Runtime.getRuntime();
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20)).until(() -> {
            maxUsed.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
            return journal.stats().stored() == 0;
        });
        f.close(Duration.ofSeconds(5));
        System.out.println("drained cursor=" + journal.stats().cursor() + " stored=" + journal.stats().stored()
                + " heap_used_max=" + maxUsed.get() + " heap_max=" + rt.maxMemory());
        journal.close();
    }
}
