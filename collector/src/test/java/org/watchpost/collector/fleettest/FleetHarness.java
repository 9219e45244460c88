package org.watchpost.collector.fleettest;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.watchpost.collector.fleet.FleetSnapshot;
import org.watchpost.collector.fleet.Incident;
import org.watchpost.collector.store.Dialect;
import org.watchpost.collector.fleet.TargetView;
import org.watchpost.collector.status.FleetConfig;
import org.watchpost.collector.status.FleetModule;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.ReportRecord;

/**
 * The fleet's components on a real database with a fake clock and an in-memory store, driven step by step: the
 * evaluation and the sending run when the test says, never on a timer.
 */
public final class FleetHarness implements AutoCloseable {
    public final FakeClock clock;
    public final FakeResults results = new FakeResults();
    private final DataSource dataSource;
    private final Dialect dialect;
    private final FleetConfig config;
    private PrometheusMeterRegistry registry;
    private FleetModule module;
    private long seq;
    private boolean threaded;

    public FleetHarness(DataSource dataSource, Dialect dialect, FleetConfig config, FakeClock clock)
            throws SQLException {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.config = config;
        this.clock = clock;
        boot();
    }

    private void boot() throws SQLException {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        module = new FleetModule(config, dataSource, dialect, results, "http://127.0.0.1:9930/", registry, clock);
        module.load();
    }

    /** Like a collector process stopping and starting on the same database: nothing in memory survives. */
    public void restart() throws SQLException {
        module.close();
        boot();
        if (threaded) {
            module.start();
        }
    }

    /** Runs the evaluator and the dispatcher on their own threads, as in production (e2e tests). */
    public void start() throws SQLException {
        threaded = true;
        module.start();
    }

    public FleetModule module() {
        return module;
    }

    /** An agent's check, stored and handed to the fleet the way ingest does. */
    public synchronized void report(String agent, CheckResult result) {
        results.report(agent, result, clock.instant());
        module.stored(agent, List.of(ReportRecord.of(++seq, clock.instant(), result)));
    }

    public FleetSnapshot evaluate() {
        return module.fleet().evaluate(false);
    }

    public TargetView view(String target) {
        return module.fleet().snapshot().targets().stream().filter(t -> t.target().equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError("no view of " + target));
    }

    /** Sends everything due now; returns how many rows were claimed. */
    public int send() throws SQLException {
        int total = 0;
        int n;
        while ((n = module.notifications().runOnce()) > 0) {
            total += n;
        }
        return total;
    }

    /** Advances the clock in steps, evaluating and sending at each, as the running collector would. */
    public void run(Duration total, Duration step) throws SQLException {
        for (Duration d = Duration.ZERO; d.compareTo(total) < 0; d = d.plus(step)) {
            clock.advance(step);
            evaluate();
            send();
        }
    }

    public List<Incident> incidents() throws SQLException {
        List<Incident> all = new ArrayList<>(module.openIncidents());
        all.addAll(module.recentIncidents(1000));
        return all;
    }

    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        module.close();
        registry.close();
    }
}
