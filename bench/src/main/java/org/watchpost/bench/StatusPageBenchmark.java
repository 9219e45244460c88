package org.watchpost.bench;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.watchpost.collector.alert.Payloads;
import org.watchpost.collector.fleet.AgentResult;
import org.watchpost.collector.fleet.AgentView;
import org.watchpost.collector.fleet.FleetSnapshot;
import org.watchpost.collector.fleet.FleetState;
import org.watchpost.collector.fleet.HistoryPoint;
import org.watchpost.collector.fleet.Incident;
import org.watchpost.collector.fleet.IncidentEvent;
import org.watchpost.collector.fleet.TargetView;
import org.watchpost.collector.status.StatusData;
import org.watchpost.collector.status.StatusHandlers;
import org.watchpost.collector.status.StatusPageSettings;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Verdict;

/**
 * The status page ({@code GET /}) rendered from a fleet snapshot of {@code targets} targets on 20 sites, two agents
 * each, a full 90-cell history strip per target, 5 % of targets failing with evidence, as many open incidents and 20
 * recently resolved ones with timelines. Measures model building plus the precompiled jte template to bytes; the
 * database reads of incidents are not included (the snapshot itself needs none).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StatusPageBenchmark {
    @Param({"1000"})
    int targets;

    private StatusHandlers handlers;
    private int bytes;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        List<TargetView> views = new ArrayList<>();
        Map<String, List<HistoryPoint>> history = new HashMap<>();
        List<Incident> open = new ArrayList<>();
        List<Incident> recent = new ArrayList<>();
        String evidence = "SQLSTATE[HY000]: General error: 1114 The table 'watchdog' is full: INSERT INTO {watchdog}"
                + " (uid, type, message, variables, severity, link, location, referer, hostname, timestamp) ...";
        for (int i = 0; i < targets; i++) {
            String name = "site" + (i % 20) + "-page-" + i;
            boolean failing = i % 20 == 7;
            List<AgentResult> agents = List.of(
                    new AgentResult("eu-1", failing ? Verdict.DOWN : Verdict.UP,
                            failing ? FailureClass.DB_STORAGE_FULL : null, now, false),
                    new AgentResult("us-1", failing ? Verdict.DOWN : Verdict.UP,
                            failing ? FailureClass.DB_STORAGE_FULL : null, now, false));
            views.add(new TargetView(name, "site" + (i % 20), "team" + (i % 5), "https://" + name + ".example.org/",
                    failing ? FleetState.DOWN : FleetState.UP, failing ? FailureClass.DB_STORAGE_FULL : null,
                    failing ? "drupal.db_table_full" : "", failing ? evidence : "",
                    failing ? "Truncate or resize the log table." : "", List.of("eu-1", "us-1"), 2, agents, now,
                    now.minus(Duration.ofHours(3)), null));
            List<HistoryPoint> strip = new ArrayList<>();
            for (int k = 0; k < 90; k++) {
                strip.add(new HistoryPoint(now.minus(Duration.ofMinutes(90 - k)),
                        failing && k > 70 ? FleetState.DOWN : FleetState.UP, false));
            }
            history.put(name, strip);
            if (failing) {
                open.add(incident(i, name, now, true, evidence));
            }
        }
        for (int i = 0; i < 20; i++) {
            recent.add(incident(10_000 + i, "site1-page-" + i, now, false, evidence));
        }
        FleetSnapshot snapshot = new FleetSnapshot(now, views, List.of(
                new AgentView("eu-1", "0.1.0", now, false, 1 << 20, 256 << 20, 0, 0),
                new AgentView("us-1", "0.1.0", now, false, 1 << 20, 256 << 20, 0, 0)), history, 0);
        StatusData data = new StatusData() {
            @Override
            public FleetSnapshot snapshot() {
                return snapshot;
            }

            @Override
            public List<Incident> openIncidents() {
                return open;
            }

            @Override
            public List<Incident> recentIncidents(int limit) {
                return recent;
            }

            @Override
            public Optional<Incident> incident(long id) {
                return Optional.empty();
            }
        };
        handlers = new StatusHandlers(data, StatusPageSettings.open(), new Payloads("http://127.0.0.1:9930/"),
                Clock.fixed(now, ZoneOffset.UTC));
        bytes = handlers.render(StatusHandlers.DEFAULT_RECENT).length;
        System.out.println("status page for " + targets + " targets: " + bytes + " bytes");
    }

    private static Incident incident(long id, String target, Instant now, boolean open, String evidence) {
        Instant first = now.minus(Duration.ofMinutes(20));
        List<IncidentEvent> timeline = List.of(new IncidentEvent(first, "opened", "down (db_storage_full) by eu-1, us-1"),
                new IncidentEvent(first.plusSeconds(300), "recovering", "working again (up) from eu-1, us-1"),
                new IncidentEvent(first.plusSeconds(360), "failing_again", "down again"));
        return new Incident(id, target, "site1", "team1", open, FleetState.DOWN, FailureClass.DB_STORAGE_FULL,
                "drupal.db_table_full", evidence, "Truncate or resize the log table.", List.of("eu-1", "us-1"), first,
                now, first, open ? null : now, 1, timeline, 0);
    }

    @Benchmark
    public byte[] render() throws SQLException {
        return handlers.render(StatusHandlers.DEFAULT_RECENT);
    }
}
