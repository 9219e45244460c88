package org.watchpost.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.watchpost.collector.Collector;
import org.watchpost.collector.config.CollectorConfig;
import org.watchpost.collector.ingest.AgentCredential;
import org.watchpost.collector.ingest.AgentTokens;
import org.watchpost.collector.ingest.LimitSettings;
import org.watchpost.collector.store.RetentionSettings;
import org.watchpost.config.HostPort;
import org.watchpost.protocol.AgentHealth;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Finding;
import org.watchpost.protocol.Report;
import org.watchpost.protocol.ReportRecord;
import org.watchpost.protocol.Severity;
import org.watchpost.protocol.Verdict;
import org.watchpost.protocol.WireJson;

/**
 * Load harness for the collector's ingest: a real collector in this JVM and agents posting gzip JSON reports to it
 * over loopback HTTP, each agent one client thread that sends its next report when the previous one was acknowledged,
 * as the forwarder does. Reports are built and compressed before the clock starts, so the figure is the collector's:
 * HTTP, inflate, parse, validate, authenticate, one transaction per report, acknowledge.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.watchpost.bench.CollectorLoad [--agents 2] [--batch 1000]
 *      [--targets 500] [--seconds 30] [--warmup 10] [--database-url jdbc:postgresql://…?user=…&amp;password=…]
 * </pre>
 *
 * Every tenth result is a failure with a finding and its evidence, like a fleet with some sites in trouble.
 */
public final class CollectorLoad {
    private CollectorLoad() {
    }

    public static void main(String[] args) throws Exception {
        int agents = 2;
        int batch = 1000;
        int targets = 500;
        int seconds = 30;
        int warmup = 10;
        String databaseUrl = null;
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--agents" -> agents = Integer.parseInt(v);
                case "--batch" -> batch = Integer.parseInt(v);
                case "--targets" -> targets = Integer.parseInt(v);
                case "--seconds" -> seconds = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--database-url" -> databaseUrl = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("collector-load-");
        List<AgentCredential> credentials = new ArrayList<>();
        for (int a = 0; a < agents; a++) {
            credentials.add(new AgentCredential("agent-" + a, List.of(AgentTokens.sha256Hex("token-" + a))));
        }
        // Large enough that retention never prunes during a run: the figure is ingest alone.
        RetentionSettings retention = new RetentionSettings(64L << 30, 0, Duration.ofDays(3650), 100_000_000,
                Duration.ofHours(1));
        CollectorConfig config = new CollectorConfig(dir.resolve("collector.yml"), new HostPort("127.0.0.1", 0), dir,
                databaseUrl == null ? null : new CollectorConfig.ExternalDatabase(databaseUrl, null), credentials,
                retention, LimitSettings.DEFAULTS);
        System.out.printf(Locale.ROOT, "collector on %s, %d agents, %d results per report, %d targets, %s%n",
                databaseUrl == null ? "SQLite in " + dir : "PostgreSQL", agents, batch, targets,
                Runtime.getRuntime().availableProcessors() + " CPUs");

        try (Collector collector = Collector.start(config, Clock.systemUTC())) {
            String url = "http://" + collector.hostPort() + "/api/v1/reports";
            OkHttpClient http = new OkHttpClient.Builder().readTimeout(60, TimeUnit.SECONDS).build();
            // Sequences never seen before, even by a database reused from an earlier run: every record is new.
            long base = System.currentTimeMillis() * 1_000;
            run(http, url, agents, batch, targets, warmup, "warm-up", base);
            run(http, url, agents, batch, targets, seconds, "measured", base + 500_000_000L);
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        deleteTree(dir);
    }

    private static void run(OkHttpClient http, String url, int agents, int batch, int targets, int seconds,
                            String phase, long seqBase) throws Exception {
        // Enough distinct reports per agent for the whole phase; building them is not measured.
        int reports = Math.max(4, (int) Math.min(2_000, 80_000L * seconds / batch / agents + 4));
        ExecutorService pool = Executors.newFixedThreadPool(agents);
        AtomicLong results = new AtomicLong();
        List<List<byte[]>> bodies = new ArrayList<>();
        for (int a = 0; a < agents; a++) {
            bodies.add(prepare("agent-" + a, seqBase, reports, batch, targets));
        }
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int a = 0; a < agents; a++) {
            int agent = a;
            futures.add(pool.submit(() -> {
                for (byte[] body : bodies.get(agent)) {
                    if (System.nanoTime() > deadline) {
                        return null;
                    }
                    Request request = new Request.Builder().url(url)
                            .header("Authorization", "Bearer token-" + agent)
                            .header("Content-Encoding", "gzip")
                            .post(RequestBody.create(body, MediaType.get("application/json"))).build();
                    try (Response r = http.newCall(request).execute()) {
                        if (r.code() != 200) {
                            throw new IllegalStateException("HTTP " + r.code() + ": " + r.body().string());
                        }
                        String ack = r.body().string();
                        if (!ack.contains("\"accepted\":" + batch + ",")) {
                            throw new IllegalStateException("the collector did not store the whole report: " + ack);
                        }
                    }
                    results.addAndGet(batch);
                }
                throw new IllegalStateException("ran out of prepared reports; raise the estimate in run()");
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
        pool.shutdown();
        // On a shared machine the wall-clock rate depends on what else runs; the rate per CPU-second of this process
        // (collector and its clients together) does much less, and twice it is what 2 idle cores would do.
        System.out.printf(Locale.ROOT, "%-8s %,d results in %.1f s: %,.0f results/s wall clock; %.1f CPU-s used:"
                        + " %,.0f results per CPU-second (load average %.1f)%n", phase, results.get(), elapsed,
                results.get() / elapsed, cpu, results.get() / cpu, os.getSystemLoadAverage());
    }

    private static List<byte[]> prepare(String agent, long seqBase, int reports, int batch, int targets)
            throws IOException {
        var json = WireJson.newMapper();
        List<byte[]> out = new ArrayList<>(reports);
        long seq = seqBase;
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        for (int r = 0; r < reports; r++) {
            List<ReportRecord> records = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++, seq++) {
                String target = "site-" + (seq % targets);
                Instant t = t0.plusMillis(seq * 10);
                CheckResult result = seq % 10 == 0
                        ? new CheckResult(target, t, Verdict.DOWN, FailureClass.DB_STORAGE_FULL, 200,
                        List.of(Finding.certain(FailureClass.DB_STORAGE_FULL, "drupal.watchdog_full", Severity.CRITICAL,
                                "SQLSTATE[HY000]: General error: 1114 The table 'watchdog' is full",
                                "Free space in the database")), 0.42, "https://" + target + ".example.org/", null,
                        Map.of("site", target, "team", "web"))
                        : new CheckResult(target, t, Verdict.UP, null, 200, List.of(), 0.12,
                        "https://" + target + ".example.org/", null, Map.of("site", target, "team", "web"));
                records.add(ReportRecord.of(seq, t, result));
            }
            AgentHealth health = new AgentHealth("bench", t0, targets, 120, 1 << 20, 256L << 20, Map.of(), 0, 0.01, 0);
            Report report = new Report(Report.SCHEMA, agent, t0.plusMillis(seq * 10), records, List.of(), health);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(buffer)) {
                json.writeValue(gz, report);
            }
            out.add(buffer.toByteArray());
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
