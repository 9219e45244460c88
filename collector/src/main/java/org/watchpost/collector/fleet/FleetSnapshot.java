package org.watchpost.collector.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The whole fleet at one evaluation: every target's view (sorted by site, then name), every agent, and each target's
 * history strip (oldest first). Immutable; the status page renders one without touching the database.
 *
 * @param droppedTargets targets beyond {@code consensus.max_targets} that are not tracked
 */
public record FleetSnapshot(Instant time, List<TargetView> targets, List<AgentView> agents,
                            Map<String, List<HistoryPoint>> history, int droppedTargets) {
    public static final FleetSnapshot EMPTY = new FleetSnapshot(Instant.EPOCH, List.of(), List.of(), Map.of(), 0);

    public FleetSnapshot {
        targets = List.copyOf(targets);
        agents = List.copyOf(agents);
        history = Map.copyOf(history);
    }

    public List<HistoryPoint> historyOf(String target) {
        return history.getOrDefault(target, List.of());
    }
}
