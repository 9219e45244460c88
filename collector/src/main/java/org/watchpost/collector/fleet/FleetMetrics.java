package org.watchpost.collector.fleet;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Info;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fleet's meters; every name is documented in docs/metrics.md. Label values are configured target names, agent
 * ids and the {@code site}/{@code team} labels, all bounded by {@code consensus.max_targets} and the agents that exist;
 * a label value is also clipped to {@link #MAX_LABEL_CHARS}.
 */
final class FleetMetrics {
    static final String TARGET_UP = "watchpost_fleet_target_up";
    static final String TARGET_AGENTS = "watchpost_fleet_target_agents";
    static final String TARGET_INFO = "watchpost_fleet_target_info";
    static final String TARGET_MAINTENANCE = "watchpost_fleet_target_maintenance";
    static final String AGENT_UP = "watchpost_fleet_agent_up";
    static final String INCIDENTS_OPEN = "watchpost_incidents_open";
    static final String TARGETS_DROPPED = "watchpost_fleet_targets_dropped";
    static final String ERRORS = "watchpost_fleet_errors";
    static final int MAX_LABEL_CHARS = 64;
    private static final List<String> AGENT_STATES = List.of("up", "degraded", "down", "stale");

    private final MeterRegistry registry;
    private final Map<String, TargetMeters> targets = new HashMap<>();
    private final Map<String, Value> agents = new HashMap<>();
    private final Map<String, Meter> agentMeters = new HashMap<>();
    private final Value incidentsOpen = new Value();
    private final Value targetsDropped = new Value();
    private final Counter databaseErrors;
    /** Prometheus's own Info metric: Micrometer would strip the {@code _info} suffix a dashboard expects. */
    private final Info info;

    /** A gauge's current value; written by the evaluator, read by the scrape. */
    static final class Value {
        volatile double value = Double.NaN;
    }

    private static final class TargetMeters {
        final Value up = new Value();
        final Value maintenance = new Value();
        final Map<String, Value> agentsByState = new HashMap<>();
        final List<Meter> meters = new ArrayList<>();
        Meter info;
        String[] infoLabels;
        String infoKey = "";
    }

    FleetMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(INCIDENTS_OPEN, incidentsOpen, v -> v.value)
                .description("Incidents open now (targets failing by consensus)").register(registry);
        Gauge.builder(TARGETS_DROPPED, targetsDropped, v -> v.value)
                .description("Targets not tracked because consensus.max_targets was reached").register(registry);
        databaseErrors = Counter.builder(ERRORS).tag("kind", "database")
                .description("Evaluations whose incident bookkeeping failed, by kind; retried on the next one")
                .register(registry);
        incidentsOpen.value = 0;
        targetsDropped.value = 0;
        info = registry instanceof PrometheusMeterRegistry p
                ? Info.builder().name(TARGET_INFO).labelNames("target", "site", "team")
                        .help("Always 1; the target's site and team labels, for grouping in dashboards")
                        .register(p.getPrometheusRegistry())
                : null;
    }

    void databaseError() {
        databaseErrors.increment();
    }

    void incidentsOpen(int n) {
        incidentsOpen.value = n;
    }

    void targetsDropped(int n) {
        targetsDropped.value = n;
    }

    void target(TargetView v) {
        TargetMeters m = targets.computeIfAbsent(v.target(), this::register);
        m.up.value = switch (v.state()) {
            case DOWN -> 0;
            case NO_DATA -> Double.NaN;
            default -> 1;
        };
        m.maintenance.value = v.maintenance() == null ? 0 : 1;
        int up = 0;
        int degraded = 0;
        int down = 0;
        int stale = 0;
        for (AgentResult a : v.agents()) {
            if (a.stale()) {
                stale++;
            } else {
                switch (a.verdict()) {
                    case UP -> up++;
                    case DEGRADED -> degraded++;
                    case DOWN -> down++;
                }
            }
        }
        m.agentsByState.get("up").value = up;
        m.agentsByState.get("degraded").value = degraded;
        m.agentsByState.get("down").value = down;
        m.agentsByState.get("stale").value = stale;
        String site = clip(v.site());
        String team = clip(v.team());
        String key = site + "\u0000" + team;
        if (!key.equals(m.infoKey)) {
            removeInfo(m);
            if (info != null) {
                m.infoLabels = new String[] {clip(v.target()), site, team};
                info.addLabelValues(m.infoLabels);
            } else {
                m.info = Gauge.builder(TARGET_INFO, () -> 1)
                        .tags(Tags.of("target", clip(v.target()), "site", site, "team", team))
                        .description("Always 1; the target's site and team labels, for grouping in dashboards")
                        .register(registry);
                m.meters.add(m.info);
            }
            m.infoKey = key;
        }
    }

    private void removeInfo(TargetMeters m) {
        if (m.info != null) {
            registry.remove(m.info);
            m.meters.remove(m.info);
            m.info = null;
        }
        if (m.infoLabels != null) {
            info.remove(m.infoLabels);
            m.infoLabels = null;
        }
    }

    /** Removes the meters of targets that no longer exist. */
    void retainTargets(Set<String> names) {
        for (String gone : new HashSet<>(targets.keySet())) {
            if (!names.contains(gone)) {
                TargetMeters m = targets.remove(gone);
                removeInfo(m);
                for (Meter meter : m.meters) {
                    registry.remove(meter);
                }
            }
        }
    }

    void agent(AgentView a) {
        Value v = agents.computeIfAbsent(a.agent(), id -> {
            Value value = new Value();
            agentMeters.put(id, Gauge.builder(AGENT_UP, value, x -> x.value).tag("agent", clip(id))
                    .description("1 while the agent reports within consensus.agent_stale_after, 0 when it stopped")
                    .register(registry));
            return value;
        });
        v.value = a.stale() ? 0 : 1;
    }

    private TargetMeters register(String target) {
        TargetMeters m = new TargetMeters();
        String t = clip(target);
        m.meters.add(Gauge.builder(TARGET_UP, m.up, x -> x.value).tag("target", t)
                .description("1 when the fleet's consensus is not down, 0 when down, NaN without fresh results")
                .register(registry));
        m.meters.add(Gauge.builder(TARGET_MAINTENANCE, m.maintenance, x -> x.value).tag("target", t)
                .description("1 while a maintenance window covers the target").register(registry));
        for (String state : AGENT_STATES) {
            Value value = new Value();
            m.agentsByState.put(state, value);
            m.meters.add(Gauge.builder(TARGET_AGENTS, value, x -> x.value).tags("target", t, "state", state)
                    .description("Agents whose latest result for the target is in this state; stale ones did not"
                            + " count").register(registry));
        }
        return m;
    }

    static String clip(String value) {
        return value.length() <= MAX_LABEL_CHARS ? value : value.substring(0, MAX_LABEL_CHARS);
    }
}
