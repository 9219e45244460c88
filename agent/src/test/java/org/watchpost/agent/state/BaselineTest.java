package org.watchpost.agent.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
    @TempDir
    Path dir;

    @Test
    void boundedBaselineEvictsTheLeastRecentlySeenAndCounts() {
        BoundedBaseline b = new BoundedBaseline(3);
        b.remember(1);
        b.remember(2);
        b.remember(3);
        assertThat(b.contains(1)).isTrue(); // 1 is now the most recently seen
        b.remember(4);
        assertThat(b.contains(2)).as("least recently seen goes first").isFalse();
        assertThat(b.contains(1)).isTrue();
        assertThat(b.size()).isEqualTo(3);
        assertThat(b.evicted()).isEqualTo(1);
    }

    @Test
    void pageShapeIsKnownAfterThreeClosedPagesAndForgottenByANewTemplate() {
        BoundedBaseline b = new BoundedBaseline(8);
        b.observedHealthyPage(true, true, false, 20_000);
        b.observedHealthyPage(true, true, false, 20_000);
        assertThat(b.typicalClosedPageBytes()).isZero();
        b.observedHealthyPage(true, true, false, 20_800);
        assertThat(b.typicalClosedPageBytes()).isBetween(20_000L, 20_800L);
        b.observedHealthyPage(true, true, true, 1);
        assertThat(b.typicalClosedPageBytes()).as("a capped body teaches nothing").isBetween(20_000L, 20_800L);
        b.observedHealthyPage(true, false, false, 21_000);
        assertThat(b.typicalClosedPageBytes()).as("new template without </html>").isZero();
    }

    @Test
    void storeRoundTripsAndSkipsUnchangedWrites() throws IOException {
        BaselineStore store = new BaselineStore(dir);
        BoundedBaseline b = new BoundedBaseline(8);
        b.remember(42);
        b.remember(-7);
        b.observedHealthyPage(true, true, false, 1000);
        assertThat(store.save(Map.of("press", b))).isTrue();
        var modified = Files.getLastModifiedTime(store.file());

        Map<String, BoundedBaseline.Snapshot> loaded = new BaselineStore(dir).load();
        assertThat(BaselineStore.fingerprints(loaded, "press")).containsExactly(42L, -7L);
        assertThat(loaded.get("press").closedStreak()).isEqualTo(1);
        BoundedBaseline restored = new BoundedBaseline(8);
        restored.restore(loaded.get("press"));
        assertThat(restored.contains(42)).isTrue();

        Files.delete(store.file());
        assertThat(store.save(Map.of("press", b))).isTrue();
        assertThat(Files.exists(store.file())).as("unchanged content is not rewritten").isFalse();
        assertThat(modified).isNotNull();
    }

    @Test
    void aCorruptFileIsSetAsideAndTheAgentStartsEmpty() throws IOException {
        Files.writeString(dir.resolve("baseline.json"), "{\"version\":1,\"targets\":{\"x\":");
        assertThat(new BaselineStore(dir).load()).isEmpty();
        assertThat(dir.resolve("baseline.json.corrupt")).exists();
        assertThat(dir.resolve("baseline.json")).doesNotExist();
    }

    @Test
    void anUnwritableDirectoryDoesNotThrow() throws IOException {
        Path notADir = Files.writeString(dir.resolve("file"), "");
        BoundedBaseline b = new BoundedBaseline(8);
        b.remember(1);
        assertThat(new BaselineStore(notADir).save(Map.of("t", b))).isFalse();
    }
}
