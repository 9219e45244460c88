package org.watchpost.agent.daemon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.watchpost.agent.config.AgentConfig;
import org.watchpost.agent.config.CollectorSettings;
import org.watchpost.agent.forward.Forwarder;
import org.watchpost.protocol.AgentHealth;
import org.watchpost.protocol.Version;
import org.watchpost.agent.config.TargetConfig;
import org.watchpost.agent.detect.Classification;
import org.watchpost.agent.detect.Detector;
import org.watchpost.agent.detect.DetectorSettings;
import org.watchpost.agent.detect.SignatureException;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.metrics.AgentMetrics;
import org.watchpost.agent.probe.ProbeRequest;
import org.watchpost.agent.probe.ProbeResult;
import org.watchpost.agent.probe.Prober;
import org.watchpost.agent.probe.SafeUrl;
import org.watchpost.agent.schedule.RetryAfter;
import org.watchpost.agent.schedule.ScheduleListener;
import org.watchpost.agent.schedule.ScheduledTarget;
import org.watchpost.agent.schedule.Scheduler;
import org.watchpost.agent.schedule.SkipReason;
import org.watchpost.agent.state.BaselineStore;
import org.watchpost.agent.state.BoundedBaseline;
import org.watchpost.agent.state.TargetSnapshot;
import org.watchpost.agent.state.TargetState;
import org.watchpost.agent.state.Transition;
import org.watchpost.agent.time.TimeSource;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.Finding;
import org.watchpost.protocol.StateChange;
import org.watchpost.protocol.WireJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.watchpost.agent.journal.DataDirLock;
import org.watchpost.agent.journal.Journal;
import org.watchpost.agent.journal.JournalFiles;
import org.watchpost.agent.journal.JournalRecord;

/**
 * The running agent: schedules every target, and for each probe runs prober → detector → thresholds → metrics,
 * logging state changes. Built and wired by the CLI (run, demo); owns the scheduler it starts.
 *
 * <pre>{@code
 * Agent agent = new Agent(config, prober, SignatureLibrary.builtIn(), DetectorSettings.DEFAULTS, TimeSource.system(),
 *         () -> logCounts);
 * agent.start();            // probes begin, /metrics has data
 * agent.reload(newConfig);  // keeps state of unchanged targets
 * agent.close();            // stops scheduling, waits for running probes
 * }</pre>
 */
public final class Agent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    /** Told about each finished probe and each state change, on the probe's worker thread; must be fast. */
    public interface Listener {
        default void probed(String target, CheckResult result) {
        }

        default void transitioned(Transition transition) {
        }
    }

    private final Prober prober;
    private final SignatureLibrary builtIn;
    private final DetectorSettings detectorSettings;
    /** Rebuilt on reload when the user's signatures change. */
    private volatile Detector detector;
    private final TimeSource time;
    private final Scheduler scheduler;
    private final AgentMetrics metrics;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Replaced whole on reload; iteration order is config order. */
    private volatile Map<String, TargetRuntime> targets = Map.of();
    private volatile AgentConfig config;
    private volatile boolean started;
    private final BaselineStore baselines;
    private final Journal journal;
    private final DataDirLock dataLock;
    private final ObjectMapper json = WireJson.newMapper();
    private final Map<String, BoundedBaseline.Snapshot> storedBaselines;
    private final ScheduledExecutorService housekeeping;
    private final Supplier<AgentMetrics.LogCounts> logs;
    private final Instant startedAt;
    private volatile long lastSchedulerLagNanos;
    /** Null while the config has no collector section. */
    private volatile Forwarder forwarder;
    /** How long a stopping agent gives its forwarder for one last report. */
    static final Duration FORWARD_DEADLINE = Duration.ofSeconds(5);

    /**
     * @param builtIn the built-in signature library; the config's own signatures are added to it
     * @throws IOException if the journal directory under {@code agent.data_dir} cannot be listed
     * @throws DataDirLock.InUseException if another agent runs on the same {@code agent.data_dir}
     */
    public Agent(AgentConfig config, Prober prober, SignatureLibrary builtIn, DetectorSettings detectorSettings,
                 TimeSource time, Supplier<AgentMetrics.LogCounts> logs) throws IOException {
        this.config = Objects.requireNonNull(config, "config");
        this.prober = Objects.requireNonNull(prober, "prober");
        this.builtIn = Objects.requireNonNull(builtIn, "builtIn");
        this.detectorSettings = Objects.requireNonNull(detectorSettings, "detectorSettings");
        this.detector = detector(config);
        this.time = Objects.requireNonNull(time, "time");
        this.scheduler = new Scheduler(time, config.agent().maxConcurrency(), new ScheduleListener() {
            @Override
            public void skipped(String target, SkipReason reason) {
                TargetRuntime t = targets.get(target);
                if (t != null) {
                    t.skipped(reason);
                }
            }

            @Override
            public void started(String target, long lagNanos) {
                lastSchedulerLagNanos = lagNanos;
                metrics().schedulerLag(lagNanos);
            }
        });
        this.dataLock = DataDirLock.acquire(config.agent().dataDir());
        try {
            this.journal = Journal.open(config.agent().dataDir().resolve("journal"), config.journal(), time,
                    JournalFiles.system());
        } catch (IOException | RuntimeException e) {
            dataLock.close();
            throw e;
        }
        this.metrics = new AgentMetrics(this::snapshots, logs, scheduler::running, scheduler::queued,
                () -> this.detector.library().signatures().size(), journal::stats);
        this.metrics.probeErrors(prober::internalErrors, scheduler::probeFailures);
        this.logs = Objects.requireNonNull(logs, "logs");
        this.startedAt = time.now();
        this.forwarder = config.collector() == null ? null : forwarder(config.collector());
        this.metrics.forwarder(() -> {
            Forwarder f = forwarder;
            return f == null ? null : f.stats();
        });
        this.baselines = new BaselineStore(config.agent().dataDir());
        this.storedBaselines = baselines.load();
        this.targets = runtimes(config, Map.of());
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watchpost-housekeeping");
            t.setDaemon(true);
            return t;
        });
    }

    public void addListener(Listener l) {
        listeners.add(Objects.requireNonNull(l));
    }

    public AgentMetrics metrics() {
        return metrics;
    }

    public AgentConfig config() {
        return config;
    }

    public boolean isStarted() {
        return started;
    }

    public synchronized void start() {
        scheduler.setTargets(scheduled(targets));
        scheduler.start();
        // Damage already on disk is counted now, not when (if ever) the forwarder reads past it.
        housekeeping.execute(this::verifyJournal);
        // Baselines reach the disk off the probe path, every half minute when they changed.
        housekeeping.scheduleWithFixedDelay(this::saveBaselines, 30, 30, TimeUnit.SECONDS);
        Forwarder f = forwarder;
        if (f != null) {
            f.start();
        }
        started = true;
        log.info("watching {} targets with {} signatures; at most {} probes at once", targets.size(),
                detector.library().signatures().size(), config.agent().maxConcurrency());
    }

    /**
     * Applies a new configuration: new targets start, removed ones stop, changed ones keep their state, streaks and
     * baseline. Settings that need a restart (listen address, data directory, concurrency) are reported and kept.
     */
    public synchronized void reload(AgentConfig next) {
        AgentConfig previous = config;
        List<String> needRestart = new ArrayList<>();
        if (!next.agent().listen().equals(previous.agent().listen())) {
            needRestart.add("agent.listen");
        }
        if (!next.agent().dataDir().equals(previous.agent().dataDir())) {
            needRestart.add("agent.data_dir");
        }
        if (!next.agent().allowedHosts().equals(previous.agent().allowedHosts())) {
            needRestart.add("agent.allowed_hosts");
        }
        if (next.agent().maxConcurrency() != previous.agent().maxConcurrency()) {
            needRestart.add("agent.max_concurrency");
        }
        if (!next.journal().equals(previous.journal())) {
            needRestart.add("journal");
        }
        if (!needRestart.isEmpty()) {
            log.warn("reload: {} changed; the running agent keeps the old value until it is restarted",
                    String.join(", ", needRestart));
        }
        if (!next.signatures().equals(previous.signatures())) {
            detector = detector(next);
        }
        reloadForwarder(previous.collector(), next.collector());
        Map<String, TargetRuntime> updated = runtimes(next, targets);
        int added = (int) updated.keySet().stream().filter(n -> !targets.containsKey(n)).count();
        int removed = (int) targets.keySet().stream().filter(n -> !updated.containsKey(n)).count();
        targets = updated;
        config = next;
        if (started) {
            scheduler.setTargets(scheduled(updated));
        }
        log.info("reloaded {}: {} targets ({} added, {} removed)", next.source(), updated.size(), added, removed);
    }

    /** Every target now, in config order: what {@code /metrics}, the API and the demo's table show. */
    public List<TargetSnapshot> snapshots() {
        List<TargetSnapshot> out = new ArrayList<>();
        for (TargetRuntime t : targets.values()) {
            out.add(t.snapshot(scheduler.nextDueAt(t.config().name()).orElse(null)));
        }
        return out;
    }

    @Override
    public void close() {
        shutdown(Scheduler.DEFAULT_GRACE);
    }

    /**
     * Stops scheduling and waits up to {@code grace} for running probes, gives the forwarder one last try to deliver
     * what they journalled, and closes the journal; true if the probes all finished.
     */
    public boolean shutdown(Duration grace) {
        started = false;
        boolean clean = scheduler.shutdown(grace);
        housekeeping.shutdownNow();
        saveBaselines();
        Forwarder f = forwarder;
        if (f != null) {
            try {
                journal.flush(1, TimeUnit.SECONDS); // so the last report holds the last probes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            f.close(FORWARD_DEADLINE);
        }
        journal.close();
        dataLock.close();
        return clean;
    }

    /** The forwarder, null while no collector is configured. */
    public Forwarder forwarder() {
        return forwarder;
    }

    /** What the agent says about itself in every report. */
    AgentHealth health() {
        Journal.Stats s = journal.stats();
        Map<String, Long> dropped = new LinkedHashMap<>();
        s.dropped().forEach((reason, n) -> dropped.put(reason.label(), n));
        AgentMetrics.LogCounts l = logs.get();
        return new AgentHealth(Version.current(), startedAt, targets.size(),
                detector.library().signatures().size(), s.bytes(), s.capacity(), dropped, s.stored(),
                lastSchedulerLagNanos / 1e9, l.queueFull() + l.fileLost());
    }

    private Forwarder forwarder(CollectorSettings settings) {
        if (settings.token() == null) {
            throw new IllegalStateException("the collector section was read without its token file; load the config"
                    + " with ConfigLoader.Secrets.READ");
        }
        return new Forwarder(settings, journal.reader(), config.agent().id(), this::health,
                () -> journal.stats().stored(), time, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** A changed collector section applies at once; the cursor is the journal's, so nothing is lost or resent. */
    private void reloadForwarder(CollectorSettings before, CollectorSettings after) {
        if (Objects.equals(before, after)) {
            return;
        }
        Forwarder f = forwarder;
        if (after == null) {
            forwarder = null;
            if (f != null) {
                f.close(FORWARD_DEADLINE);
            }
            log.info("reload: collector section removed; results stay in the journal");
        } else if (f == null) {
            Forwarder created = forwarder(after);
            forwarder = created;
            if (started) {
                created.start();
            }
        } else {
            f.reconfigure(after);
        }
    }

    private void verifyJournal() {
        try {
            long damaged = journal.verify();
            if (damaged > 0) {
                log.warn("journal: {} damaged or missing records found at start; skipped and counted as corrupt",
                        damaged);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("journal: checking the records on disk at start failed: {}", e.getMessage());
        }
    }

    /** Writes the baselines if they changed; never throws (a failing disk is logged by the store). */
    public boolean saveBaselines() {
        Map<String, BoundedBaseline> all = new LinkedHashMap<>();
        targets.forEach((name, t) -> all.put(name, t.baseline()));
        return baselines.save(all);
    }

    private Detector detector(AgentConfig cfg) {
        try {
            return new Detector(builtIn.with(cfg.signatures()), detectorSettings);
        } catch (SignatureException e) {
            // The config loader rejects ids that clash with the built-in library, so this is a bug.
            throw new IllegalStateException("user signatures clash with the built-in library: " + e.getMessage(), e);
        }
    }

    private Map<String, TargetRuntime> runtimes(AgentConfig cfg, Map<String, TargetRuntime> old) {
        Map<String, TargetRuntime> out = new LinkedHashMap<>();
        for (TargetConfig tc : cfg.targets()) {
            TargetRuntime existing = old.get(tc.name());
            if (existing != null) {
                existing.reconfigure(tc);
                out.put(tc.name(), existing);
            } else {
                TargetRuntime t = new TargetRuntime(tc);
                BoundedBaseline.Snapshot stored = storedBaselines.get(tc.name());
                if (stored != null) {
                    t.baseline().restore(stored);
                }
                out.put(tc.name(), t);
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private List<ScheduledTarget> scheduled(Map<String, TargetRuntime> runtimes) {
        List<ScheduledTarget> out = new ArrayList<>();
        for (TargetRuntime t : runtimes.values()) {
            TargetConfig c = t.config();
            out.add(new ScheduledTarget(c.name(), c.hostKey(), c.probe().interval(), c.probe().perHostConcurrency(),
                    c.probe().perHostMinSpacing(), () -> probe(t)));
        }
        return out;
    }

    /**
     * Probes one target now, on the calling thread, outside the schedule: for tests that must not wait for an
     * interval. Throws if the target is unknown.
     */
    public CheckResult probeNow(String target) {
        TargetRuntime t = targets.get(target);
        if (t == null) {
            throw new IllegalArgumentException("no target named '" + target + "'");
        }
        return probe(t);
    }

    /** One probe of one target, on a worker thread. */
    CheckResult probe(TargetRuntime t) {
        TargetConfig c = t.config();
        MDC.put("target", c.name());
        try {
            ProbeResult result = prober.probe(new ProbeRequest(c.url(), c.probe().timeout(),
                    c.probe().maxBodyBytes(), c.probe().maxRedirects(), c.probe().tlsCaFile()));
            backOffIfAsked(c, result);
            Classification cls = detector.classify(c.name(), result, c.probe().expect(), t.baseline(), time.now());
            CheckResult checked = cls.result().withLabels(c.labels());
            var transition = t.record(result, cls, checked);
            journal.append(JournalRecord.Type.CHECK_RESULT, encode(checked));
            for (Listener l : listeners) {
                l.probed(c.name(), checked);
            }
            transition.ifPresent(tr -> {
                logTransition(tr);
                journal.append(JournalRecord.Type.STATE_CHANGE, encode(stateChange(tr)));
                for (Listener l : listeners) {
                    l.transitioned(tr);
                }
            });
            return checked;
        } finally {
            MDC.remove("target");
        }
    }

    /**
     * A server that answers 429 (or 503 with {@code Retry-After}) is asking its pollers to slow down: the host's
     * targets are not probed again before the time it gives (at most {@link Scheduler#MAX_BACK_OFF}); a 429 without
     * one costs an extra interval.
     */
    private void backOffIfAsked(TargetConfig c, ProbeResult result) {
        if (result.status() != 429 && result.status() != 503) {
            return;
        }
        var asked = RetryAfter.parse(result.header("retry-after"), time.now());
        if (asked.isEmpty() && result.status() == 503) {
            return;
        }
        Duration delay = asked.orElse(c.probe().interval().multipliedBy(2));
        if (delay.compareTo(c.probe().interval()) <= 0) {
            return; // the next probe is not due earlier than that anyway
        }
        int moved = scheduler.backOff(c.name(), delay);
        metrics.backedOff();
        log.info("target {} answered HTTP {}{}: no probe of its host before {} from now ({} targets postponed)",
                c.name(), result.status(), asked.isPresent() ? " with Retry-After " + result.header("retry-after")
                        : "", delay.compareTo(Scheduler.MAX_BACK_OFF) > 0 ? Scheduler.MAX_BACK_OFF : delay, moved);
    }

    /** The journal, for the forwarder and for tests. */
    public Journal journal() {
        return journal;
    }

    private byte[] encode(Object wire) {
        try {
            return json.writeValueAsBytes(wire);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + wire.getClass().getSimpleName(), e);
        }
    }

    static StateChange stateChange(Transition t) {
        CheckResult r = t.cause();
        Finding f = t.to() == TargetState.DOWN && !r.findings().isEmpty() ? r.findings().get(0) : null;
        return new StateChange(t.target(), t.from().id(), t.to().id(), t.at(), f == null ? null : f.failureClass(),
                f == null ? null : f.signature(), f == null ? null : f.evidence());
    }

    private static void logTransition(Transition t) {
        CheckResult r = t.cause();
        if (t.to() == TargetState.DOWN) {
            Finding f = r.findings().get(0);
            log.info("target {} is DOWN: {} ({}) — {}", t.target(), f.failureClass(), f.signature(), f.evidence());
        } else if (r.findings().isEmpty()) {
            log.info("target {} is {} (HTTP {})", t.target(), t.to().id().toUpperCase(java.util.Locale.ROOT),
                    r.status());
        } else {
            Finding f = r.findings().get(0);
            log.info("target {} is {} but {}: {} ({}) — {}", t.target(), t.to().id().toUpperCase(java.util.Locale.ROOT),
                    r.verdict(), f.failureClass(), f.signature(), f.evidence());
        }
    }
}
