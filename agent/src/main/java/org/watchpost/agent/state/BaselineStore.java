package org.watchpost.agent.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.protocol.WireJson;

/**
 * Keeps the targets' baselines across restarts in {@code data_dir/baseline.json}, so that after a restart a page's
 * normal content is still known to be content. The file is bounded (at most {@link BoundedBaseline#DEFAULT_CAPACITY}
 * fingerprints per target, only configured targets) and replaced atomically, so a crash mid-write leaves the old one.
 * A file that cannot be read is set aside as {@code baseline.json.corrupt} and the agent starts with empty baselines:
 * losing the baseline costs at most a false alarm, never a crash loop.
 */
public final class BaselineStore {
    private static final Logger log = LoggerFactory.getLogger(BaselineStore.class);
    static final String FILE = "baseline.json";
    static final int VERSION = 1;

    private final Path file;
    private final ObjectMapper json = WireJson.newMapper();
    private String lastWritten = "";
    private boolean failing;

    /** The persisted form. */
    record Stored(int version, Map<String, BoundedBaseline.Snapshot> targets) {
    }

    public BaselineStore(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** The stored baselines by target name; empty when there is no file or it cannot be used. */
    public Map<String, BoundedBaseline.Snapshot> load() {
        try {
            Stored s = json.readValue(Files.readAllBytes(file), Stored.class);
            if (s.version() != VERSION || s.targets() == null) {
                throw new IOException("unsupported version " + s.version());
            }
            return s.targets();
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(FILE + ".corrupt");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                log.debug("could not move {} aside", file, moveFailed);
            }
            log.warn("baseline file {} cannot be read ({}); moved to {} and starting with empty baselines", file,
                    e.getMessage(), aside);
            return Map.of();
        }
    }

    /**
     * Writes the baselines if they changed since the last write. Never throws: a full or broken disk is logged once
     * (until a write succeeds again) and the agent goes on with what it has in memory.
     *
     * @return whether the file is now up to date
     */
    public synchronized boolean save(Map<String, BoundedBaseline> baselines) {
        Map<String, BoundedBaseline.Snapshot> targets = new LinkedHashMap<>();
        baselines.forEach((name, b) -> {
            BoundedBaseline.Snapshot s = b.snapshot();
            if (!s.fingerprints().isEmpty() || s.closedStreak() > 0) {
                targets.put(name, s);
            }
        });
        String text;
        try {
            text = json.writeValueAsString(new Stored(VERSION, targets));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise baselines", e);
        }
        if (text.equals(lastWritten)) {
            return true;
        }
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(tmp, text);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            lastWritten = text;
            if (failing) {
                log.info("baseline file {} is written again", file);
                failing = false;
            }
            return true;
        } catch (IOException e) {
            if (!failing) {
                log.warn("cannot write baseline file {}: {}; baselines stay in memory and are retried", file,
                        e.getMessage());
                failing = true;
            }
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the disk is already known to be in trouble; nothing more to say
            }
            return false;
        }
    }

    /** For tests. */
    static List<Long> fingerprints(Map<String, BoundedBaseline.Snapshot> stored, String target) {
        BoundedBaseline.Snapshot s = stored.get(target);
        return s == null ? List.of() : s.fingerprints();
    }
}
