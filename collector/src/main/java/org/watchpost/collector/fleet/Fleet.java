package org.watchpost.collector.fleet;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.protocol.AgentHealth;
import org.watchpost.protocol.ReportRecord;

/**
 * Turns many agents' latest results into one state per target, opens and resolves incidents, and publishes an
 * immutable {@link FleetSnapshot} for the status page.
 *
 * <p>Inputs arrive two ways: {@link #accept} with each ingested batch (fast, in memory, on the ingest thread), and
 * {@link #evaluate(boolean) evaluate(true)} which reloads the store's latest state, so results another collector
 * ingested and staleness are seen too. {@link #evaluate} runs on one thread at a time (the scheduler's); its
 * incident bookkeeping is in the database, so a failed write is counted, logged and retried on the next evaluation.
 *
 * <p>Incidents: a target whose consensus is down or degraded opens one (unless a maintenance window covers it; then it
 * opens when the window ends, if still failing); while open, class and verdict changes are recorded in its timeline
 * and notified; it resolves after {@code success_threshold} working consensus results on new checks that span at
 * least {@code recovery_hold}. Failing again before that is a flap of the same incident, not a new one.
 */
public final class Fleet {
    private static final Logger log = LoggerFactory.getLogger(Fleet.class);
    /** Cells of a history strip, as the status pages people know draw it. */
    public static final int HISTORY_LENGTH = 90;

    private final FleetSettings settings;
    private final MaintenanceCalendar maintenance;
    private final ResultSource source;
    private final IncidentStore incidents;
    private final Clock clock;
    private final FleetMetrics metrics;

    private final Object lock = new Object();
    /** target → agent → latest; guarded by {@link #lock}. */
    private final Map<String, Map<String, Observation>> latest = new HashMap<>();
    /** agent → what we know; guarded by {@link #lock}. */
    private final Map<String, AgentSeen> agentsSeen = new HashMap<>();
    private int droppedTargets;

    // Owned by the evaluating thread.
    private final Map<String, Track> tracks = new HashMap<>();
    private final Map<String, Incident> open = new HashMap<>();
    private volatile FleetSnapshot snapshot = FleetSnapshot.EMPTY;

    /** Per-target memory between evaluations. */
    private static final class Track {
        FleetState state;
        Instant since;
        Instant lastCheck;
        Instant failingSince;
        Instant workingSince;
        /** Per agent: consecutive working results since {@link #workingSince}, and the newest one counted. */
        final Map<String, Integer> workingChecks = new HashMap<>();
        final Map<String, Instant> counted = new HashMap<>();

        void resetWorking() {
            workingSince = null;
            workingChecks.clear();
            counted.clear();
        }

        /** Counts each agent's new results: an up one adds to its streak, anything else ends it. */
        void countChecks(TargetView view) {
            for (AgentResult a : view.agents()) {
                if (a.stale()) {
                    continue;
                }
                Instant last = counted.get(a.agent());
                if (last != null && !a.time().isAfter(last)) {
                    continue;
                }
                counted.put(a.agent(), a.time());
                workingChecks.merge(a.agent(), 1, (old, one) -> a.verdict() == org.watchpost.protocol.Verdict.UP
                        ? old + 1 : 0);
                if (a.verdict() != org.watchpost.protocol.Verdict.UP) {
                    workingChecks.put(a.agent(), 0);
                }
            }
        }

        /** Agents with at least {@code threshold} working results in a row. */
        int agentsWorkingFor(int threshold) {
            return (int) workingChecks.values().stream().filter(n -> n >= threshold).count();
        }
        final ArrayDeque<HistoryPoint> history = new ArrayDeque<>(HISTORY_LENGTH);
    }

    public Fleet(FleetSettings settings, MaintenanceCalendar maintenance, ResultSource source, IncidentStore incidents,
                 MeterRegistry registry, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.maintenance = Objects.requireNonNull(maintenance, "maintenance");
        this.source = Objects.requireNonNull(source, "source");
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = new FleetMetrics(registry);
    }

    /**
     * Takes the check results of one ingested batch. Called on the ingest thread after commit: in memory only, never
     * throws; the next {@link #evaluate} decides.
     */
    public void accept(String agent, List<ReportRecord> records) {
        try {
            Instant now = clock.instant();
            synchronized (lock) {
                AgentSeen known = agentsSeen.get(agent);
                agentsSeen.put(agent, new AgentSeen(agent, known == null ? null : known.version(), now,
                        known == null ? null : known.health()));
                for (ReportRecord r : records) {
                    if (r.checkResult() != null) {
                        put(new Observation(r.checkResult().target(), agent, r.checkResult(), now));
                    }
                }
            }
        } catch (RuntimeException e) {
            log.error("could not take a batch of {} records from agent {} into the fleet view", records.size(),
                    agent, e);
        }
    }

    /** Records agents' health from reports (the wiring may call it with each report; the store's copy also counts). */
    public void agentSeen(String agent, String version, AgentHealth health) {
        synchronized (lock) {
            agentsSeen.put(agent, new AgentSeen(agent, version, clock.instant(), health));
        }
    }

    private void put(Observation o) {
        Map<String, Observation> byAgent = latest.get(o.target());
        if (byAgent == null) {
            if (latest.size() >= settings.maxTargets()) {
                droppedTargets++;
                return;
            }
            byAgent = new TreeMap<>();
            latest.put(o.target(), byAgent);
        }
        Observation old = byAgent.get(o.agent());
        // Out-of-order delivery (a backlog after an outage) must not replace a newer result with an older one.
        if (old == null || !o.result().time().isBefore(old.result().time())) {
            byAgent.put(o.agent(), o);
        }
    }

    /**
     * Decides every target, updates incidents and metrics, and publishes the snapshot.
     *
     * @param reload whether to read the store's latest state first (the periodic evaluation does)
     */
    public FleetSnapshot evaluate(boolean reload) {
        Instant now = clock.instant();
        if (reload) {
            reload();
        }
        Map<String, List<Observation>> byTarget = new TreeMap<>();
        List<AgentSeen> agentList;
        int dropped;
        synchronized (lock) {
            for (Map.Entry<String, Map<String, Observation>> e : latest.entrySet()) {
                byTarget.put(e.getKey(), List.copyOf(e.getValue().values()));
            }
            agentList = List.copyOf(agentsSeen.values());
            dropped = droppedTargets;
        }
        List<TargetView> views = new ArrayList<>(byTarget.size());
        Map<String, List<HistoryPoint>> history = new LinkedHashMap<>();
        for (Map.Entry<String, List<Observation>> e : byTarget.entrySet()) {
            TargetView view = Consensus.decide(e.getKey(), e.getValue(), now, settings);
            Optional<MaintenanceWindow> window = maintenance.active(view.target(), view.site(), now);
            if (window.isPresent()) {
                view = view.withMaintenance(window.get().name());
            }
            Track track = tracks.computeIfAbsent(view.target(), t -> new Track());
            if (track.state != view.state()) {
                track.state = view.state();
                track.since = now;
                Incident known = open.get(view.target());
                if (known != null && view.state().failing() && track.lastCheck == null) {
                    track.since = known.firstSeen();
                }
            }
            view = view.withSince(track.since);
            boolean newCheck = view.lastCheck() != null
                    && (track.lastCheck == null || view.lastCheck().isAfter(track.lastCheck));
            if (newCheck) {
                track.lastCheck = view.lastCheck();
                if (track.history.size() == HISTORY_LENGTH) {
                    track.history.removeFirst();
                }
                track.history.addLast(new HistoryPoint(view.lastCheck(), view.state(), view.maintenance() != null));
            }
            try {
                trackIncident(view, track, newCheck, now);
            } catch (SQLException | RuntimeException ex) {
                metrics.databaseError();
                log.error("could not record the incident state of target {} ({}); retrying on the next evaluation",
                        view.target(), view.state(), ex);
            }
            views.add(view);
            history.put(view.target(), List.copyOf(track.history));
            metrics.target(view);
        }
        tracks.keySet().retainAll(byTarget.keySet());
        metrics.retainTargets(byTarget.keySet());
        List<AgentView> agentViews = new ArrayList<>(agentList.size());
        for (AgentSeen a : agentList) {
            AgentHealth h = a.health();
            boolean stale = a.lastSeen().plus(settings.agentStaleAfter()).isBefore(now);
            AgentView av = new AgentView(a.agent(), a.version(), a.lastSeen(), stale,
                    h == null ? -1 : h.journalBytes(), h == null ? -1 : h.journalCapacityBytes(),
                    h == null ? 0 : h.journalDropped().values().stream().mapToLong(Long::longValue).sum(),
                    h == null ? -1 : h.forwardLagRecords());
            agentViews.add(av);
            metrics.agent(av);
        }
        agentViews.sort(Comparator.comparing(AgentView::agent));
        views.sort(Comparator.comparing((TargetView v) -> v.site().isEmpty() ? "\uffff" : v.site())
                .thenComparing(TargetView::target));
        metrics.incidentsOpen(open.size());
        metrics.targetsDropped(dropped);
        FleetSnapshot s = new FleetSnapshot(now, views, agentViews, history, dropped);
        snapshot = s;
        return s;
    }

    /** The last published snapshot; {@link FleetSnapshot#EMPTY} before the first evaluation. */
    public FleetSnapshot snapshot() {
        return snapshot;
    }

    /** Reads open incidents and the store's latest state; call once before the first evaluation. */
    public void load() throws SQLException {
        open.clear();
        for (Incident i : incidents.openIncidents()) {
            open.put(i.target(), i);
        }
        reload();
    }

    private void reload() {
        List<Observation> all;
        List<AgentSeen> agents;
        try {
            all = source.latest();
            agents = source.agents();
        } catch (RuntimeException e) {
            metrics.databaseError();
            log.error("could not read the latest results from the store; deciding from what is in memory", e);
            return;
        }
        synchronized (lock) {
            for (Observation o : all) {
                put(o);
            }
            for (AgentSeen a : agents) {
                AgentSeen mine = agentsSeen.get(a.agent());
                if (mine == null || !mine.lastSeen().isAfter(a.lastSeen()) || mine.health() == null) {
                    Instant seen = mine == null || a.lastSeen().isAfter(mine.lastSeen()) ? a.lastSeen()
                            : mine.lastSeen();
                    agentsSeen.put(a.agent(), new AgentSeen(a.agent(), a.version(), seen, a.health()));
                }
            }
        }
        try {
            // Another collector on the same database may have opened or resolved incidents.
            Map<String, Incident> fresh = new HashMap<>();
            for (Incident i : incidents.openIncidents()) {
                fresh.put(i.target(), i);
            }
            open.clear();
            open.putAll(fresh);
        } catch (SQLException e) {
            metrics.databaseError();
            log.error("could not read the open incidents; keeping the ones in memory", e);
        }
    }

    private void trackIncident(TargetView view, Track track, boolean newCheck, Instant now) throws SQLException {
        Incident incident = open.get(view.target());
        FleetState state = view.state();
        if (incident == null) {
            if (!state.failing()) {
                track.failingSince = null;
                return;
            }
            if (track.failingSince == null) {
                track.failingSince = now;
            }
            if (view.maintenance() != null) {
                return;
            }
            String note = state + " (" + view.primaryClass().id() + ") by " + String.join(", ", view.agreeing())
                    + (track.failingSince.isBefore(now) ? "; failing since " + track.failingSince
                    + ", held back by a maintenance window" : "");
            Incident opened = incidents.open(view, track.failingSince, now, note);
            open.put(view.target(), opened);
            track.resetWorking();
            return;
        }
        if (state.failing()) {
            List<IncidentEvent> events = new ArrayList<>(2);
            int flaps = 0;
            if (track.workingSince != null) {
                flaps = 1;
                events.add(new IncidentEvent(now, "failing_again", state + " (" + view.primaryClass().id()
                        + ") again after working since " + track.workingSince));
                track.resetWorking();
            }
            if (state != incident.verdict()) {
                events.add(new IncidentEvent(now, "verdict_changed", incident.verdict() + " → " + state));
            }
            if (view.primaryClass() != incident.primaryClass()) {
                events.add(new IncidentEvent(now, "class_changed", incident.primaryClass().id() + " → "
                        + view.primaryClass().id()));
            }
            boolean changed = !events.isEmpty() || !view.evidence().equals(incident.evidence())
                    || !view.agreeing().equals(incident.agents());
            // last_seen needs no write per check; once a minute is precise enough for people and saves the disk.
            boolean touch = newCheck && !now.isBefore(incident.lastSeen().plusSeconds(60));
            if (changed || touch) {
                open.put(view.target(), incidents.update(incident, view, now, events, flaps));
            }
            return;
        }
        if (!state.working()) {
            return; // No fresh data: neither worse nor better. The agents' own metric shows why.
        }
        if (track.workingSince == null) {
            track.resetWorking();
            track.workingSince = now;
            incident = incidents.update(incident, view, now, List.of(new IncidentEvent(now, "recovering",
                    "working again (" + state + ")" + (view.agreeing().isEmpty() ? "" : " from "
                    + String.join(", ", view.agreeing())))), 0);
            open.put(view.target(), incident);
        }
        track.countChecks(view);
        // Resolved when as many agents as the quorum asks for have each seen success_threshold good checks in a
        // row, and the recovery hold has passed without a failure: one lucky check between failures is a flap.
        if (track.agentsWorkingFor(settings.successThreshold()) >= view.required()
                && !now.isBefore(track.workingSince.plus(settings.recoveryHold()))) {
            incidents.resolve(incident, now, "working for " + settings.successThreshold() + " checks from "
                    + track.agentsWorkingFor(settings.successThreshold()) + " agents since " + track.workingSince);
            open.remove(view.target());
            track.resetWorking();
            track.failingSince = null;
        }
    }
}
