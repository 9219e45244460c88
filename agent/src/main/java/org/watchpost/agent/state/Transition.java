package org.watchpost.agent.state;

import java.time.Instant;
import java.util.Objects;
import org.watchpost.protocol.CheckResult;

/**
 * A target changed state. Transitions are events: logged, exported, journalled and forwarded.
 *
 * @param target the target's name
 * @param from   the state before
 * @param to     the state after
 * @param at     when the deciding probe started
 * @param cause  the probe that decided it (its primary class and findings say why)
 */
public record Transition(String target, TargetState from, TargetState to, Instant at, CheckResult cause) {
    public Transition {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(cause, "cause");
    }
}
