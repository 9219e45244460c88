package org.watchpost.collector.fleet;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code consensus} section: how agents' results become one state per target and when incidents open and close.
 *
 * @param staleAfter       a result older than this (by its probe time) no longer counts
 * @param agentStaleAfter  an agent not heard from for this long is "not reporting"
 * @param quorum           the default quorum
 * @param overrides        per target or per site quorums
 * @param successThreshold consecutive working consensus results, each on new checks, before an incident resolves
 * @param recoveryHold     and the target must have worked this long without failing again: flap damping
 * @param maxTargets       targets the fleet tracks (and exports metrics for); more are counted and ignored
 * @param evaluateEvery    how often staleness, maintenance ends and the store are looked at without new reports
 */
public record FleetSettings(Duration staleAfter, Duration agentStaleAfter, Quorum quorum,
                            List<QuorumOverride> overrides, int successThreshold, Duration recoveryHold,
                            int maxTargets, Duration evaluateEvery) {
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(5);
    public static final int DEFAULT_SUCCESS_THRESHOLD = 2;
    public static final Duration DEFAULT_RECOVERY_HOLD = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_TARGETS = 10_000;
    public static final Duration DEFAULT_EVALUATE_EVERY = Duration.ofSeconds(10);

    public FleetSettings {
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(agentStaleAfter, "agentStaleAfter");
        Objects.requireNonNull(quorum, "quorum");
        Objects.requireNonNull(recoveryHold, "recoveryHold");
        Objects.requireNonNull(evaluateEvery, "evaluateEvery");
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("stale_after must be longer than 0s");
        }
        if (agentStaleAfter.isNegative() || agentStaleAfter.isZero()) {
            throw new IllegalArgumentException("agent_stale_after must be longer than 0s");
        }
        if (successThreshold < 1) {
            throw new IllegalArgumentException("success_threshold must be at least 1, was " + successThreshold);
        }
        if (recoveryHold.isNegative()) {
            throw new IllegalArgumentException("recovery_hold must not be negative");
        }
        if (maxTargets < 1) {
            throw new IllegalArgumentException("max_targets must be at least 1, was " + maxTargets);
        }
        if (evaluateEvery.isNegative() || evaluateEvery.isZero()) {
            throw new IllegalArgumentException("evaluate_every must be longer than 0s");
        }
    }

    public static FleetSettings defaults() {
        return new FleetSettings(DEFAULT_STALE_AFTER, DEFAULT_STALE_AFTER, Quorum.MAJORITY, List.of(),
                DEFAULT_SUCCESS_THRESHOLD, DEFAULT_RECOVERY_HOLD, DEFAULT_MAX_TARGETS, DEFAULT_EVALUATE_EVERY);
    }

    /** The quorum of {@code target}: its own override, else its site's, else the default. */
    public Quorum quorumFor(String target, String site) {
        Quorum bySite = null;
        for (QuorumOverride o : overrides) {
            if (target.equals(o.target())) {
                return o.quorum();
            }
            if (bySite == null && site != null && site.equals(o.site())) {
                bySite = o.quorum();
            }
        }
        return bySite != null ? bySite : quorum;
    }
}
