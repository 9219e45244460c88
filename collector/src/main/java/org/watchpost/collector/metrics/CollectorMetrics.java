package org.watchpost.collector.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.watchpost.collector.ingest.IngestMetrics;
import org.watchpost.collector.ingest.RejectReason;
import org.watchpost.collector.store.AgentStatus;
import org.watchpost.collector.store.Retention;
import org.watchpost.collector.store.StoreMetrics;
import org.watchpost.protocol.AgentHealth;

/**
 * Every {@code watchpost_collector_*} meter, in one class (see docs/metrics.md, Collector). Per-agent meters exist
 * for the configured agents only, so the {@code agent} label is bounded by the config; forwarded drop reasons are
 * accepted only as short snake_case words, at most {@link AgentHealth#MAX_DROP_REASONS} per agent.
 *
 * <p>Names are written as Prometheus names; Micrometer's Prometheus registry adds {@code _total} to counters.
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = CollectorMetrics.newRegistry();
 * CollectorMetrics metrics = new CollectorMetrics(registry, List.of("eu-1", "us-1"));
 * }</pre>
 */
public final class CollectorMetrics implements IngestMetrics, StoreMetrics {
    public static final String LAST_SEEN = "watchpost_collector_agent_last_seen_timestamp_seconds";
    public static final String INGESTED = "watchpost_collector_ingested";
    public static final String REJECTED = "watchpost_collector_rejected";
    public static final String GAPS = "watchpost_collector_agent_sequence_gaps";
    public static final String DECLARED_DROPPED = "watchpost_collector_agent_declared_dropped_records";
    public static final String PRUNED = "watchpost_collector_pruned";
    public static final String TRANSACTIONS = "watchpost_collector_ingest_transactions";
    public static final String TRANSACTION_REPORTS = "watchpost_collector_ingest_transaction_reports";
    public static final String DB_BYTES = "watchpost_collector_db_bytes";
    public static final String DB_CAPACITY = "watchpost_collector_db_capacity_bytes";
    public static final String JOURNAL_BYTES = "watchpost_collector_agent_journal_bytes";
    public static final String JOURNAL_CAPACITY = "watchpost_collector_agent_journal_capacity_bytes";
    public static final String JOURNAL_DROPPED = "watchpost_collector_agent_journal_dropped";
    public static final String FORWARD_LAG = "watchpost_collector_agent_forward_lag_records";
    public static final String SCHEDULER_LAG = "watchpost_collector_agent_scheduler_lag_seconds";
    public static final String LOG_DROPPED = "watchpost_collector_agent_log_events_dropped";
    public static final String TARGETS = "watchpost_collector_agent_targets";

    private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    /** What the gauges of one agent read; written by ingest threads, read by scrapes. */
    private static final class AgentGauges {
        volatile double lastSeen = Double.NaN;
        volatile double gaps;
        volatile double declaredDropped;
        volatile double journalBytes = Double.NaN;
        volatile double journalCapacity = Double.NaN;
        volatile double forwardLag = Double.NaN;
        volatile double schedulerLag = Double.NaN;
        volatile double logDropped = Double.NaN;
        volatile double targets = Double.NaN;
        final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();
        Counter ingested;
    }

    private final MeterRegistry registry;
    private final Map<String, AgentGauges> agents = new LinkedHashMap<>();
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Map<Retention.Reason, Counter> pruned = new EnumMap<>(Retention.Reason.class);
    private final Counter transactions;
    private final Counter transactionReports;

    /** A registry with the JVM's meters bound, as the collector exposes it. */
    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    public CollectorMetrics(MeterRegistry registry, List<String> configuredAgents) {
        this.registry = registry;
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, Counter.builder(REJECTED).description("Reports refused, by reason")
                    .tag("reason", r.id()).register(registry));
        }
        for (Retention.Reason r : Retention.Reason.values()) {
            pruned.put(r, Counter.builder(PRUNED).description("History rows deleted by retention, by reason")
                    .tag("reason", r.id()).register(registry));
        }
        transactions = Counter.builder(TRANSACTIONS)
                .description("Ingest transactions committed (on SQLite one may hold several reports)")
                .register(registry);
        transactionReports = Counter.builder(TRANSACTION_REPORTS)
                .description("Reports stored by the committed ingest transactions").register(registry);
        for (String id : configuredAgents) {
            AgentGauges g = new AgentGauges();
            agents.put(id, g);
            g.ingested = Counter.builder(INGESTED).description("Records stored for the first time, by agent")
                    .tag("agent", id).register(registry);
            gauge(LAST_SEEN, id, g, a -> a.lastSeen, "When the agent's latest report was stored (Unix time)");
            gauge(GAPS, id, g, a -> a.gaps, "Sequences neither received nor declared dropped by the agent");
            gauge(DECLARED_DROPPED, id, g, a -> a.declaredDropped, "Sequences the agent declared dropped");
            gauge(JOURNAL_BYTES, id, g, a -> a.journalBytes, "The agent's journal size, from its latest report");
            gauge(JOURNAL_CAPACITY, id, g, a -> a.journalCapacity, "The agent's journal cap, from its latest report");
            gauge(FORWARD_LAG, id, g, a -> a.forwardLag, "Records the agent had not yet forwarded, from its latest"
                    + " report");
            gauge(SCHEDULER_LAG, id, g, a -> a.schedulerLag, "The agent's scheduler lag, from its latest report");
            gauge(LOG_DROPPED, id, g, a -> a.logDropped, "Log events the agent dropped, from its latest report");
            gauge(TARGETS, id, g, a -> a.targets, "Targets the agent has configured, from its latest report");
        }
    }

    private void gauge(String name, String agent, AgentGauges g, java.util.function.ToDoubleFunction<AgentGauges> f,
                       String help) {
        Gauge.builder(name, g, f).description(help).tag("agent", agent).register(registry);
    }

    /** The database's size and cap gauges, read at scrape time (held strongly: the suppliers are lambdas). */
    public void bindDatabase(LongSupplier bytes, LongSupplier capacity) {
        Gauge.builder(DB_BYTES, bytes, b -> {
            long v = b.getAsLong();
            return v < 0 ? Double.NaN : v;
        }).description("Bytes the collector's database uses, as last measured by retention")
                .strongReference(true).register(registry);
        Gauge.builder(DB_CAPACITY, capacity, c -> c.getAsLong())
                .description("Bytes the database may use: its cap, or less near the keep-free floor")
                .strongReference(true).register(registry);
    }

    /** Sets an agent's gauges from what the database already holds (at start). */
    public void restore(AgentStatus status) {
        AgentGauges g = agents.get(status.id());
        if (g != null) {
            update(g, status, status.health());
        }
    }

    @Override
    public void stored(AgentStatus agent, int fresh, AgentHealth health) {
        AgentGauges g = agents.get(agent.id());
        if (g == null) {
            return;
        }
        g.ingested.increment(fresh);
        update(g, agent, health);
    }

    private void update(AgentGauges g, AgentStatus s, AgentHealth health) {
        if (s.lastSeen() != null) {
            g.lastSeen = s.lastSeen().toEpochMilli() / 1000.0;
        }
        g.gaps = s.gaps();
        g.declaredDropped = s.declaredDropped();
        AgentHealth h = health != null ? health : s.health();
        if (h == null) {
            return;
        }
        g.journalBytes = h.journalBytes();
        g.journalCapacity = h.journalCapacityBytes();
        g.forwardLag = h.forwardLagRecords();
        g.schedulerLag = h.schedulerLagSeconds();
        g.logDropped = h.logEventsDropped();
        g.targets = h.targets();
        for (Map.Entry<String, Long> e : h.journalDropped().entrySet()) {
            String reason = e.getKey();
            if (!REASON.matcher(reason).matches()) {
                continue;
            }
            AtomicLong cell = g.dropped.get(reason);
            if (cell == null) {
                synchronized (g) {
                    cell = g.dropped.get(reason);
                    if (cell == null) {
                        if (g.dropped.size() >= AgentHealth.MAX_DROP_REASONS) {
                            continue;
                        }
                        AtomicLong created = new AtomicLong();
                        Gauge.builder(JOURNAL_DROPPED, created, AtomicLong::doubleValue)
                                .description("Records the agent's journal dropped, by reason, from its latest report")
                                .tag("agent", s.id()).tag("reason", reason).register(registry);
                        g.dropped.put(reason, created);
                        cell = created;
                    }
                }
            }
            cell.set(e.getValue());
        }
    }

    @Override
    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    @Override
    public void pruned(Retention.Reason reason, long rows) {
        if (rows > 0) {
            pruned.get(reason).increment(rows);
        }
    }

    @Override
    public void transactionCommitted(int reports) {
        transactions.increment();
        transactionReports.increment(reports);
    }
}
