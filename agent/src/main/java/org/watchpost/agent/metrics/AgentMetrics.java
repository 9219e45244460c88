package org.watchpost.agent.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.watchpost.agent.forward.Forwarder;
import org.watchpost.agent.journal.DropReason;
import org.watchpost.agent.journal.Journal;
import org.watchpost.agent.journal.JournalFault;
import org.watchpost.agent.schedule.SkipReason;
import org.watchpost.agent.state.TargetSnapshot;
import org.watchpost.agent.state.TargetState;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.Finding;
import org.watchpost.protocol.PhaseTimings;
import org.watchpost.protocol.Verdict;
import org.watchpost.protocol.Version;

/**
 * Owns every metric name of the agent (all documented in docs/metrics.md, a test keeps them in step).
 *
 * <p>Per-target metrics are built at scrape time from {@link TargetSnapshot}s, so a target removed by a reload
 * disappears from {@code /metrics} with it, and a scrape sees each target's last probe whole. Labels are bounded:
 * {@code target} is a configured name, {@code class} a closed enum, {@code signature} an id from the library.
 *
 * <pre>{@code
 * AgentMetrics metrics = new AgentMetrics(agent::snapshots, logCounts, scheduler::running, scheduler::queued,
 *         () -> library.signatures().size(), journal::stats);
 * server.createContext("/metrics", new MetricsHandler(metrics.registry()));
 * }</pre>
 */
public final class AgentMetrics {
    private static final double[] LAG_BUCKETS = {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Supplier<Collection<TargetSnapshot>> targets;
    private final PerTarget perTarget;
    /** Targets per batch when streaming: what one batch of one family costs in memory, whatever the target count. */
    static final int STREAM_BATCH = 256;
    private final Histogram schedulerLag;
    private final Counter reloads;
    private final Gauge reloadOk;
    private final Counter httpRejected;
    private volatile Supplier<Forwarder.Stats> forwarder = () -> null;
    private final Counter httpRefused;
    private final Counter backOffs;
    private volatile LongSupplier proberErrors = () -> 0;
    private volatile LongSupplier checkErrors = () -> 0;

    /**
     * @param targets     the current snapshots, one per configured target
     * @param logs        the operational log's counters
     * @param running     probes running now
     * @param queued      probes waiting for a slot now
     * @param signatures  signatures loaded
     * @param journal     the journal's counters, read once per scrape so they add up; null without a journal
     */
    public AgentMetrics(Supplier<Collection<TargetSnapshot>> targets, Supplier<LogCounts> logs, LongSupplier running,
                        LongSupplier queued, LongSupplier signatures, Supplier<Journal.Stats> journal) {
        this.targets = Objects.requireNonNull(targets, "targets");
        this.perTarget = new PerTarget(targets);
        registry.register(perTarget);
        if (journal != null) {
            registry.register(new JournalCollector(journal));
        }
        schedulerLag = Histogram.builder().name("watchpost_scheduler_lag_seconds")
                .help("Delay between when a probe was due and when it started.").unit(Unit.SECONDS)
                .classicUpperBounds(LAG_BUCKETS).classicOnly().register(registry);
        CounterWithCallback.builder().name("watchpost_log_events_dropped_total")
                .help("Operational log events lost, by reason: queue_full (the bounded log queue was full), "
                        + "file_error (the log file could not be written, e.g. a full disk; the console still got them).")
                .labelNames("reason")
                .callback(cb -> {
                    LogCounts c = logs.get();
                    cb.call(c.queueFull(), "queue_full");
                    cb.call(c.fileLost(), "file_error");
                }).register(registry);
        CounterWithCallback.builder().name("watchpost_log_events_suppressed_total")
                .help("Repeats of one log message within 10s beyond the first few, collapsed into a summary line.")
                .callback(cb -> cb.call(logs.get().suppressed())).register(registry);
        GaugeWithCallback.builder().name("watchpost_probes_running").help("Probes running now.")
                .callback(cb -> cb.call(running.getAsLong())).register(registry);
        GaugeWithCallback.builder().name("watchpost_probes_queued")
                .help("Due probes waiting for a free slot (global or per-host limits).")
                .callback(cb -> cb.call(queued.getAsLong())).register(registry);
        GaugeWithCallback.builder().name("watchpost_targets").help("Targets configured.")
                .callback(cb -> cb.call(targets.get().size())).register(registry);
        GaugeWithCallback.builder().name("watchpost_signatures").help("Failure signatures loaded.")
                .callback(cb -> cb.call(signatures.getAsLong())).register(registry);
        Gauge.builder().name("watchpost_build_info").help("Always 1; the version label names the release.")
                .labelNames("version").register(registry).labelValues(Version.current()).set(1);
        reloads = Counter.builder().name("watchpost_config_reloads_total")
                .help("Configuration reloads, by result (success, failure).").labelNames("result").register(registry);
        reloadOk = Gauge.builder().name("watchpost_config_last_reload_successful")
                .help("1 if the last configuration reload succeeded (or none was tried), 0 if it failed.")
                .register(registry);
        reloadOk.set(1);
        httpRejected = Counter.builder().name("watchpost_http_requests_rejected_total")
                .help("Requests to the agent's HTTP endpoints refused because all handler threads were busy.")
                .register(registry);
        registry.register(new ForwardCollector(() -> forwarder.get()));
        httpRefused = Counter.builder().name("watchpost_http_requests_refused_total")
                .help("Requests to the agent's HTTP endpoints refused with 403, by reason: host (a Host header that "
                        + "is not one of the agent's names), origin (a cross-origin state-changing request).")
                .labelNames("reason").register(registry);
        httpRefused.initLabelValues("host");
        httpRefused.initLabelValues("origin");
        backOffs = Counter.builder().name("watchpost_probe_backoffs_total")
                .help("Times a host answered 429 (or 503 with Retry-After) and its targets' next probes were "
                        + "postponed to the time it asked for (at most 1h).").register(registry);
        CounterWithCallback.builder().name("watchpost_probe_errors")
                .help("Probes that failed inside Watchpost (a bug, not the target): stage=fetch when the prober "
                        + "caught it and reported a failure, stage=check when the probe threw and recorded nothing.")
                .labelNames("stage")
                .callback(cb -> {
                    cb.call(proberErrors.getAsLong(), "fetch");
                    cb.call(checkErrors.getAsLong(), "check");
                }).register(registry);
        JvmMetrics.builder().register(registry);
    }

    /**
     * Where the {@code watchpost_forward_*} metrics read the forwarder's state; a supplier that returns null (no
     * collector configured) exports none of them.
     */
    public void forwarder(Supplier<Forwarder.Stats> stats) {
        this.forwarder = Objects.requireNonNull(stats, "stats");
    }

    /**
     * Where {@code watchpost_probe_errors_total} reads its counts: bugs the prober caught ({@code fetch}) and probes
     * that threw out of the scheduler ({@code check}).
     */
    public void probeErrors(LongSupplier fetch, LongSupplier check) {
        this.proberErrors = Objects.requireNonNull(fetch, "fetch");
        this.checkErrors = Objects.requireNonNull(check, "check");
    }

    /** The operational log's counters, read at each scrape. */
    public record LogCounts(long queueFull, long fileLost, long suppressed) {
        public static final LogCounts NONE = new LogCounts(0, 0, 0);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /**
     * Writes every metric in the Prometheus text format (0.0.4) to {@code out} as it goes, instead of building the
     * whole exposition first: with thousands of targets the snapshot objects of one scrape took more heap than a small
     * agent has (5,000 targets: 6.3 MB of text, an OutOfMemoryError at -Xmx64m). One consistent list of samples is
     * taken, then each per-target family is written in batches of {@value #STREAM_BATCH} targets, so memory stays
     * at one batch of one family.
     */
    public void writeText(OutputStream out) throws IOException {
        PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        writer.write(out, registry.scrape(name -> !PerTarget.NAMES.contains(name)));
        List<TargetSnapshot> samples = List.copyOf(targets.get());
        ByteArrayOutputStream batchText = new ByteArrayOutputStream(64 << 10);
        for (String family : PerTarget.NAMES) {
            boolean headerWritten = false;
            for (int from = 0; from < samples.size(); from += STREAM_BATCH) {
                List<TargetSnapshot> batch = samples.subList(from, Math.min(samples.size(), from + STREAM_BATCH));
                batchText.reset();
                writer.write(batchText, perTarget.collect(batch, family::equals));
                headerWritten |= copyLines(batchText.toByteArray(), out, headerWritten);
            }
        }
        out.flush();
    }

    /**
     * Copies the lines of one batch of one family; its {@code #} header lines only while none has been written.
     * Returns whether samples were copied (so the header is out).
     */
    private static boolean copyLines(byte[] text, OutputStream out, boolean headerWritten) throws IOException {
        boolean samples = false;
        int start = 0;
        List<int[]> header = new ArrayList<>(3);
        for (int i = 0; i < text.length; i++) {
            if (text[i] != '\n') {
                continue;
            }
            if (text[start] == '#') {
                header.add(new int[] {start, i + 1});
            } else {
                if (!samples && !headerWritten) {
                    for (int[] h : header) {
                        out.write(text, h[0], h[1] - h[0]);
                    }
                }
                samples = true;
                out.write(text, start, i + 1 - start);
            }
            start = i + 1;
        }
        return samples;
    }

    public void reloaded(boolean success) {
        reloads.labelValues(success ? "success" : "failure").inc();
        reloadOk.set(success ? 1 : 0);
    }

    public void httpRequestRejected() {
        httpRejected.inc();
    }

    /** A host asked us to slow down and its probes were postponed. */
    public void backedOff() {
        backOffs.inc();
    }

    /** A request refused by the HTTP server's guard; {@code reason} is host or origin. */
    public void httpRequestRefused(String reason) {
        httpRefused.labelValues(reason).inc();
    }

    /** A probe started {@code lagNanos} after it was due. */
    public void schedulerLag(long lagNanos) {
        schedulerLag.observe(lagNanos / 1e9);
    }

    /**
     * The journal's metrics from one {@link Journal.Stats} snapshot per scrape, so that an operator can check
     * {@code records_total == acknowledged + stored + Σ dropped} on any single scrape.
     */
    private static final class JournalCollector implements MultiCollector {
        private final Supplier<Journal.Stats> stats;

        JournalCollector(Supplier<Journal.Stats> stats) {
            this.stats = stats;
        }


        @Override
        public MetricSnapshots collect() {
            Journal.Stats s = stats.get();
            CounterSnapshot.Builder dropped = CounterSnapshot.builder().name("watchpost_journal_dropped")
                    .help("Journal records that will never be delivered, by reason.");
            for (DropReason r : DropReason.values()) {
                dropped.dataPoint(PerTarget.count(Labels.of("reason", r.label()), s.dropped().getOrDefault(r, 0L)));
            }
            CounterSnapshot.Builder faults = CounterSnapshot.builder().name("watchpost_journal_faults")
                    .help("Faults of the journal's directory that it survived, by kind: foreign_file, "
                            + "cursor_rejected, directory_lost.");
            for (JournalFault f : JournalFault.values()) {
                faults.dataPoint(PerTarget.count(Labels.of("kind", f.label()), s.fault(f)));
            }
            return new MetricSnapshots(
                    faults.build(),
                    gauge("watchpost_journal_bytes", "Disk bytes used by the journal's segments.", s.bytes()),
                    gauge("watchpost_journal_capacity_bytes", "journal.max_bytes.", s.capacity()),
                    counter("watchpost_journal_records", "Records appended to the journal (in this run, plus those "
                            + "found on disk at start).", s.produced()),
                    counter("watchpost_journal_acknowledged_records", "Journal records the collector acknowledged.",
                            s.acknowledged()),
                    gauge("watchpost_journal_stored_records", "Journal records kept and not yet acknowledged.",
                            s.stored()),
                    gauge("watchpost_journal_buffered_records", "Journal records waiting in memory for the writer.",
                            s.buffered()),
                    dropped.build(),
                    counter("watchpost_journal_corrupt_records", "Journal records found damaged or missing on disk.",
                            s.corrupt()),
                    gauge("watchpost_journal_head_sequence", "The last sequence number assigned to a record.",
                            s.head()),
                    gauge("watchpost_journal_cursor_sequence", "The last sequence number the collector acknowledged.",
                            s.cursor()),
                    gauge("watchpost_journal_segments", "Journal segment files.", s.segments()));
        }

        private static GaugeSnapshot gauge(String name, String help, double v) {
            return GaugeSnapshot.builder().name(name).help(help).dataPoint(PerTarget.point(Labels.EMPTY, v)).build();
        }

        private static CounterSnapshot counter(String name, String help, double v) {
            return CounterSnapshot.builder().name(name).help(help).dataPoint(PerTarget.count(Labels.EMPTY, v))
                    .build();
        }
    }

    /** The forwarder's metrics, from one {@link Forwarder.Stats} per scrape; none while nothing is forwarded. */
    private static final class ForwardCollector implements MultiCollector {
        private final Supplier<Forwarder.Stats> stats;

        ForwardCollector(Supplier<Forwarder.Stats> stats) {
            this.stats = stats;
        }

        @Override
        public MetricSnapshots collect() {
            Forwarder.Stats s = stats.get();
            if (s == null) {
                return new MetricSnapshots();
            }
            CounterSnapshot.Builder errors = CounterSnapshot.builder().name("watchpost_forward_errors")
                    .help("Reports that did not get through, by kind: dns, connect, timeout, tls, io, http_4xx, "
                            + "too_large, throttled, http_5xx, rejected.");
            for (Forwarder.ErrorKind k : Forwarder.ErrorKind.values()) {
                errors.dataPoint(PerTarget.count(Labels.of("kind", k.label()), s.errors().getOrDefault(k, 0L)));
            }
            List<MetricSnapshot> out = new ArrayList<>(List.of(
                    JournalCollector.gauge("watchpost_forward_lag_records",
                            "Journal records not yet acknowledged by the collector.", s.lagRecords()),
                    JournalCollector.counter("watchpost_forward_sent",
                            "Records the collector acknowledged (in this run).", s.sent()),
                    JournalCollector.counter("watchpost_forward_declared_dropped",
                            "Sequences declared dropped to the collector, acknowledged (in this run).",
                            s.declaredDropped()),
                    JournalCollector.counter("watchpost_forward_batches",
                            "Reports posted to the collector, whatever came of them.", s.batches()),
                    errors.build(),
                    JournalCollector.gauge("watchpost_forward_backoff_seconds",
                            "Wait before the next try after a failure; 0 while reports get through.",
                            s.backoffSeconds()),
                    JournalCollector.gauge("watchpost_forward_batch_limit_records",
                            "Records per report now: collector.batch_max_records, halved after each 413.",
                            s.batchLimit()),
                    JournalCollector.gauge("watchpost_forward_last_success_timestamp_seconds",
                            "When the collector last acknowledged a report (Unix time); 0 before the first.",
                            s.lastSuccess() == null ? 0 : PerTarget.seconds(s.lastSuccess()))));
            return new MetricSnapshots(out);
        }
    }

    /** All per-target metrics, built from samples at scrape time. */
    private static final class PerTarget implements MultiCollector {
        /** Every family this collector makes, in the order it writes them. */
        static final List<String> NAMES = List.of("watchpost_probe_success", "watchpost_probe_duration_seconds",
                "watchpost_probe_phase_seconds", "watchpost_probe_http_status_code", "watchpost_probe_failure_info",
                "watchpost_probe_redirects", "watchpost_probe_body_bytes", "watchpost_probe_last_timestamp_seconds",
                "watchpost_target_up", "watchpost_target_state_change_timestamp_seconds",
                "watchpost_tls_cert_not_after_timestamp_seconds", "watchpost_probe_checks",
                "watchpost_probe_skipped", "watchpost_detect_hits_dropped", "watchpost_baseline_evicted");

        private final Supplier<Collection<TargetSnapshot>> targets;

        PerTarget(Supplier<Collection<TargetSnapshot>> targets) {
            this.targets = targets;
        }

        @Override
        public List<String> getPrometheusNames() {
            return NAMES;
        }

        @Override
        public MetricSnapshots collect() {
            return collect(targets.get(), name -> true);
        }

        @Override
        public MetricSnapshots collect(Predicate<String> includedNames) {
            return NAMES.stream().anyMatch(includedNames) ? collect(targets.get(), includedNames)
                    : new MetricSnapshots();
        }

        @Override
        public MetricSnapshots collect(Predicate<String> includedNames, PrometheusScrapeRequest request) {
            return collect(includedNames);
        }

        /** The families {@code include} names, for {@code samples} only: a scrape streams them in batches. */
        MetricSnapshots collect(Collection<TargetSnapshot> samples, Predicate<String> include) {
            GaugeSnapshot.Builder success = gauge(include, "watchpost_probe_success",
                    "1 if the last probe found the page usable (up or degraded), 0 if down.");
            GaugeSnapshot.Builder duration = gauge(include, "watchpost_probe_duration_seconds",
                    "Duration of the last probe: all redirect hops and the body.");
            GaugeSnapshot.Builder phase = gauge(include, "watchpost_probe_phase_seconds",
                    "Where the last probe's time went: resolve, connect, tls, processing, transfer.");
            GaugeSnapshot.Builder status = gauge(include, "watchpost_probe_http_status_code",
                    "Final HTTP status of the last probe, 0 when no response arrived.");
            GaugeSnapshot.Builder failure = gauge(include, "watchpost_probe_failure_info",
                    "1 for each way the last probe failed: failure class and signature (or check) id.");
            GaugeSnapshot.Builder redirects = gauge(include, "watchpost_probe_redirects",
                    "Redirects the last probe followed.");
            GaugeSnapshot.Builder body = gauge(include, "watchpost_probe_body_bytes",
                    "Body bytes the last probe read (after decompression, at most max_body_bytes).");
            GaugeSnapshot.Builder last = gauge(include, "watchpost_probe_last_timestamp_seconds",
                    "When the last probe started (Unix time).");
            GaugeSnapshot.Builder up = gauge(include, "watchpost_target_up",
                    "1 if the target is up after thresholds, 0 if down; absent until the first decision.");
            GaugeSnapshot.Builder since = gauge(include, "watchpost_target_state_change_timestamp_seconds",
                    "When the target last changed state (Unix time).");
            GaugeSnapshot.Builder tls = gauge(include, "watchpost_tls_cert_not_after_timestamp_seconds",
                    "Earliest expiry (Unix time) among the certificates the last probe was shown.");
            CounterSnapshot.Builder checks = counter(include, "watchpost_probe_checks",
                    "Probes done, by verdict (up, degraded, down).");
            CounterSnapshot.Builder skipped = counter(include, "watchpost_probe_skipped",
                    "Due probes not started, by reason: still_running (the previous probe of the target had not "
                            + "finished), still_queued (it was still waiting for a free slot).");
            CounterSnapshot.Builder hitsDropped = counter(include, "watchpost_detect_hits_dropped",
                    "Anchor hits not examined because a page had more than the per-page cap.");
            CounterSnapshot.Builder evicted = counter(include, "watchpost_baseline_evicted",
                    "Baseline entries dropped because the target's baseline was full.");
            for (TargetSnapshot t : samples) {
                Labels target = Labels.of("target", t.name());
                CheckResult r = t.last();
                if (r != null) {
                    add(success, target, r.verdict() == Verdict.DOWN ? 0 : 1);
                    add(duration, target, r.durationSeconds() == null ? 0 : r.durationSeconds());
                    if (phase != null) {
                        PhaseTimings phases = r.phases() == null ? PhaseTimings.NONE : r.phases();
                        for (PhaseTimings.Phase p : PhaseTimings.Phase.values()) {
                            add(phase, Labels.of("target", t.name(), "phase", p.label()), phases.nanos(p) / 1e9);
                        }
                    }
                    add(status, target, r.status() == null ? 0 : r.status());
                    add(redirects, target, r.redirects() == null ? 0 : r.redirects());
                    add(body, target, r.bodyBytes() == null ? 0 : r.bodyBytes());
                    if (failure != null) {
                        Set<String> seen = new LinkedHashSet<>();
                        for (Finding f : r.findings()) {
                            if (seen.add(f.failureClass().id() + "\u0000" + f.signature())) {
                                add(failure, Labels.of("target", t.name(), "class", f.failureClass().id(),
                                        "signature", f.signature()), 1);
                            }
                        }
                    }
                    if (r.time() != null) {
                        add(last, target, seconds(r.time()));
                    }
                    if (r.tlsNotAfter() != null) {
                        add(tls, target, seconds(r.tlsNotAfter()));
                    }
                }
                if (t.state() != TargetState.UNKNOWN) {
                    add(up, target, t.state() == TargetState.UP ? 1 : 0);
                }
                if (t.since() != null) {
                    add(since, target, seconds(t.since()));
                }
                TargetSnapshot.Counters c = t.counters();
                if (checks != null) {
                    for (Verdict v : Verdict.values()) {
                        checks.dataPoint(count(Labels.of("target", t.name(), "result", v.id()),
                                c.checks().getOrDefault(v, 0L)));
                    }
                }
                if (skipped != null) {
                    for (SkipReason reason : SkipReason.values()) {
                        skipped.dataPoint(count(Labels.of("target", t.name(), "reason", reason.label()),
                                c.skipped().getOrDefault(reason.label(), 0L)));
                    }
                }
                if (hitsDropped != null) {
                    hitsDropped.dataPoint(count(target, c.hitsDropped()));
                }
                if (evicted != null) {
                    evicted.dataPoint(count(target, c.baselineEvicted()));
                }
            }
            List<MetricSnapshot> out = new ArrayList<>();
            for (GaugeSnapshot.Builder g : java.util.Arrays.asList(success, duration, phase, status, failure,
                    redirects, body, last, up, since, tls)) {
                if (g != null) {
                    out.add(g.build());
                }
            }
            for (CounterSnapshot.Builder c : java.util.Arrays.asList(checks, skipped, hitsDropped, evicted)) {
                if (c != null) {
                    out.add(c.build());
                }
            }
            return new MetricSnapshots(out);
        }

        private static void add(GaugeSnapshot.Builder b, Labels labels, double value) {
            if (b != null) {
                b.dataPoint(point(labels, value));
            }
        }

        private static GaugeSnapshot.Builder gauge(Predicate<String> include, String name, String help) {
            return include.test(name) ? gauge(name, help) : null;
        }

        private static CounterSnapshot.Builder counter(Predicate<String> include, String name, String help) {
            return include.test(name) ? counter(name, help) : null;
        }

        private static double seconds(java.time.Instant t) {
            return t.getEpochSecond() + t.getNano() / 1e9;
        }

        private static GaugeSnapshot.Builder gauge(String name, String help) {
            return GaugeSnapshot.builder().name(name).help(help);
        }

        private static CounterSnapshot.Builder counter(String name, String help) {
            return CounterSnapshot.builder().name(name).help(help);
        }

        private static GaugeSnapshot.GaugeDataPointSnapshot point(Labels labels, double value) {
            return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
        }

        private static CounterSnapshot.CounterDataPointSnapshot count(Labels labels, double value) {
            return CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build();
        }
    }
}
