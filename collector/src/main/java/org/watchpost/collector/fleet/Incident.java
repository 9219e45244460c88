package org.watchpost.collector.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.watchpost.protocol.FailureClass;

/**
 * A target failing by consensus, from the moment it opened to the moment it resolved: one per outage however often
 * the target flapped in between.
 *
 * @param verdict    {@link FleetState#DOWN} or {@link FleetState#DEGRADED}, as it stands now
 * @param agents     the agents that agreed, at the last update
 * @param firstSeen  when the fleet first saw the target failing (before a maintenance window, if one delayed it)
 * @param lastSeen   the last evaluation that still saw it failing
 * @param resolvedAt null while open
 * @param flaps      how often it worked again and failed again before it resolved
 * @param timeline   the incident's events, oldest first; empty when not loaded
 */
public record Incident(long id, String target, String site, String team, boolean open, FleetState verdict,
                       FailureClass primaryClass, String signature, String evidence, String hint, List<String> agents,
                       Instant firstSeen, Instant lastSeen, Instant openedAt, Instant resolvedAt, int flaps,
                       List<IncidentEvent> timeline, int eventsDropped) {
    public Incident {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(primaryClass, "primaryClass");
        if (!verdict.failing()) {
            throw new IllegalArgumentException("an incident is down or degraded, not " + verdict);
        }
        site = site == null ? "" : site;
        team = team == null ? "" : team;
        signature = signature == null ? "" : signature;
        evidence = evidence == null ? "" : evidence;
        hint = hint == null ? "" : hint;
        agents = List.copyOf(agents);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(openedAt, "openedAt");
        if (!open && resolvedAt == null) {
            throw new IllegalArgumentException("a resolved incident needs its resolution time");
        }
    }

    /** {@code critical} for down, {@code warning} for degraded: the Alertmanager {@code severity} label. */
    public String severity() {
        return verdict == FleetState.DOWN ? "critical" : "warning";
    }

    /** {@code WatchpostTargetDown} or {@code WatchpostTargetDegraded}. */
    public String alertname() {
        return alertname(verdict);
    }

    public static String alertname(FleetState verdict) {
        return verdict == FleetState.DOWN ? "WatchpostTargetDown" : "WatchpostTargetDegraded";
    }

    public Incident withTimeline(List<IncidentEvent> events) {
        return new Incident(id, target, site, team, open, verdict, primaryClass, signature, evidence, hint, agents,
                firstSeen, lastSeen, openedAt, resolvedAt, flaps, events, eventsDropped);
    }
}
