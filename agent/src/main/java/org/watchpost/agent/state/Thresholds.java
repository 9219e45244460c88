package org.watchpost.agent.state;

import java.util.Optional;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.Verdict;

/**
 * Turns a stream of probe verdicts into up/down with hysteresis: {@code failureThreshold} consecutive failing probes
 * turn a target down, {@code successThreshold} consecutive good ones bring it back. A degraded page is usable, so it
 * counts as good here (its findings are still exported and reported). From UNKNOWN the first good probe decides UP,
 * so a healthy target is reported as such from its first probe.
 *
 * <p>Not thread-safe: one target's probes never overlap (the scheduler guarantees it), and readers use snapshots.
 */
public final class Thresholds {
    private final int failureThreshold;
    private final int successThreshold;
    private TargetState state = TargetState.UNKNOWN;
    private int failures;
    private int successes;

    public Thresholds(int failureThreshold, int successThreshold) {
        if (failureThreshold < 1 || successThreshold < 1) {
            throw new IllegalArgumentException("thresholds must be at least 1, were " + failureThreshold + " and "
                    + successThreshold);
        }
        this.failureThreshold = failureThreshold;
        this.successThreshold = successThreshold;
    }

    /** Keeps the current state and streaks, with new thresholds (config reload). */
    public Thresholds withThresholds(int newFailureThreshold, int newSuccessThreshold) {
        Thresholds t = new Thresholds(newFailureThreshold, newSuccessThreshold);
        t.state = state;
        t.failures = failures;
        t.successes = successes;
        return t;
    }

    public Optional<Transition> apply(String target, CheckResult result) {
        boolean failing = result.verdict() == Verdict.DOWN;
        if (failing) {
            failures++;
            successes = 0;
        } else {
            successes++;
            failures = 0;
        }
        TargetState next = state;
        if (failing && state != TargetState.DOWN && failures >= failureThreshold) {
            next = TargetState.DOWN;
        } else if (!failing && state != TargetState.UP
                && (state == TargetState.UNKNOWN || successes >= successThreshold)) {
            next = TargetState.UP;
        }
        if (next == state) {
            return Optional.empty();
        }
        Transition t = new Transition(target, state, next, result.time(), result);
        state = next;
        return Optional.of(t);
    }

    public TargetState state() {
        return state;
    }

    public int consecutiveFailures() {
        return failures;
    }

    public int consecutiveSuccesses() {
        return successes;
    }
}
