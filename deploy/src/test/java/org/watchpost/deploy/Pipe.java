package org.watchpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;
import org.watchpost.agent.e2e.AgentProcess;
import org.watchpost.agent.e2e.CollectorProcess;
import org.watchpost.agent.e2e.PrometheusText;

/**
 * What the agent-to-collector e2e tests share: a loopback site with the founding failure and a healthy page, agent and
 * collector configs, tokens, and readers for what each process says about the pipe between them (the agent's journal
 * and forwarder metrics, the collector's {@code /api/v1/agents}, {@code /api/v1/targets} and its database).
 */
final class Pipe {
    /** Bounds every wait; a test goes on as soon as the processes get there. Two cores are shared with other builds. */
    static final Duration AT_MOST = Duration.ofSeconds(60);
    static final Duration POLL = Duration.ofMillis(250);
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The founding case as Drupal 7 prints it: the page renders, then writing the watchdog row fails with MySQL error
     * 1114 and the PDOException goes out after the article, with status 200.
     */
    static final String FULL_TABLE_PAGE = "<!DOCTYPE html><html lang=\"en\"><head><title>Institute launches regional"
            + " programme on cybercrime and justice | Institute</title></head><body><div id=\"page\"><h1>Institute"
            + " launches regional programme on cybercrime and justice</h1><div class=\"content\"><p>The institute"
            + " today launched a three-year regional programme with the ministries of justice of five countries.</p>"
            + "</div></div></body></html>\n"
            + "PDOException: SQLSTATE[HY000]: General error: 1114 The table 'watchdog' is full: INSERT INTO {watchdog}"
            + " (uid, type, message, variables, severity, link, location, referer, hostname, timestamp) VALUES"
            + " (:db_insert_placeholder_0, :db_insert_placeholder_1, :db_insert_placeholder_2,"
            + " :db_insert_placeholder_3, :db_insert_placeholder_4, :db_insert_placeholder_5,"
            + " :db_insert_placeholder_6, :db_insert_placeholder_7, :db_insert_placeholder_8,"
            + " :db_insert_placeholder_9); in dblog_watchdog() (line 160 of"
            + " /var/www/html/modules/dblog/dblog.module).\n";
    static final String HEALTHY_PAGE = "<!DOCTYPE html><html lang=\"en\"><head><title>New report on access to justice"
            + " | Institute</title></head><body><div id=\"page\"><h1>New report on access to justice for victims of"
            + " trafficking</h1><div class=\"content\"><p>The report gathers the experience of courts in twelve"
            + " countries.</p></div></div></body></html>\n";

    private Pipe() {
    }

    /** A page server on 127.0.0.1: {@code /press} shows the full watchdog table, every other path is healthy. */
    static final class Site implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService threads;

        private Site(HttpServer server, ExecutorService threads) {
            this.server = server;
            this.threads = threads;
        }

        static Site start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
                server.createContext("/", exchange -> {
                    String body = exchange.getRequestURI().getPath().equals("/press") ? FULL_TABLE_PAGE : HEALTHY_PAGE;
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                    exchange.sendResponseHeaders(200, bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                });
                ExecutorService threads = Executors.newFixedThreadPool(4);
                server.setExecutor(threads);
                server.start();
                return new Site(server, threads);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the loopback page server", e);
            }
        }

        URI press() {
            return url("/press");
        }

        URI url(String path) {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    /** An agent's id with a fresh token, the token in a file for the agent, its hash for the collector. */
    record Credentials(String agentId, Path tokenFile, String tokenSha256) {
        static Credentials make(Path dir, String agentId) {
            byte[] raw = new byte[24];
            new SecureRandom().nextBytes(raw);
            String token = HexFormat.of().formatHex(raw);
            Path file = dir.resolve(agentId + ".token");
            write(file, token + "\n");
            return new Credentials(agentId, file, sha256(token));
        }
    }

    /** One probe target: a name and a URL, with the site's labels. */
    record Target(String name, URI url) {
    }

    /**
     * An agent config: every target every 500 ms, forwarding to the collector on {@code collectorPort} in reports of
     * at most {@code batchMaxRecords}, retrying at least once a second.
     */
    static Path agentConfig(Path dir, Credentials who, int collectorPort, int batchMaxRecords, List<Target> targets) {
        StringBuilder t = new StringBuilder();
        for (Target target : targets) {
            t.append("  - name: ").append(target.name()).append('\n')
                    .append("    url: ").append(target.url()).append('\n')
                    .append("    labels: { site: seed, team: web }\n");
        }
        return write(dir.resolve(who.agentId() + ".yml"), """
                agent:
                  id: %s
                journal:
                  max_bytes: 16MiB
                  segment_bytes: 1MiB
                  keep_free_bytes: 64MiB
                collector:
                  url: http://127.0.0.1:%d/
                  token_file: %s
                  batch_max_records: %d
                  batch_max_wait: 200ms
                  max_backoff: 1s
                  timeout: 5s
                defaults:
                  interval: 500ms
                  timeout: 400ms
                  failure_threshold: 2
                  success_threshold: 1
                  per_host_concurrency: 4
                  per_host_min_spacing: 0ms
                targets:
                %s""".formatted(who.agentId(), collectorPort, who.tokenFile(), batchMaxRecords, t));
    }

    /** A collector config for {@code agents}; {@code database} is empty for SQLite in {@code dataDir}. */
    static Path collectorConfig(Path dir, int port, Path dataDir, String database, List<Credentials> agents) {
        StringBuilder a = new StringBuilder();
        for (Credentials c : agents) {
            a.append("  - id: ").append(c.agentId()).append('\n')
                    .append("    token_sha256: ").append(c.tokenSha256()).append('\n');
        }
        return write(dir.resolve("collector.yml"), """
                collector:
                  listen: 127.0.0.1:%d
                  data_dir: %s
                %sagents:
                %s""".formatted(port, dataDir, database, a));
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the agent's {@code /metrics} says about its journal and forwarder, from one scrape. */
    record AgentFigures(long head, long cursor, long acknowledged, long lag, double errors, String text) {
        static AgentFigures of(AgentProcess agent) {
            String text = agent.metrics();
            PrometheusText m = PrometheusText.parse(text);
            return new AgentFigures(
                    (long) one(m, "watchpost_journal_head_sequence"),
                    (long) one(m, "watchpost_journal_cursor_sequence"),
                    (long) one(m, "watchpost_journal_acknowledged_records_total"),
                    (long) one(m, "watchpost_forward_lag_records"),
                    m.find("watchpost_forward_errors_total", Map.of()).stream()
                            .mapToDouble(PrometheusText.Sample::value).sum(),
                    text);
        }

        private static double one(PrometheusText m, String name) {
            return m.value(name, Map.of()).orElseThrow(() -> new AssertionError("the agent exposes no " + name));
        }

        @Override
        public String toString() {
            return "agent head=" + head + " cursor=" + cursor + " acknowledged=" + acknowledged + " lag=" + lag
                    + " forward errors=" + errors;
        }
    }

    /** One entry of the collector's {@code GET /api/v1/agents}. */
    record Accounting(String id, long firstSeq, long lastSeq, long received, long declaredDropped, long gaps,
                      JsonNode raw) {
        /** Every sequence from first to last is received, declared dropped or a gap, and nothing is counted twice. */
        boolean consistent() {
            return received + declaredDropped + gaps == (lastSeq == 0 ? 0 : lastSeq - firstSeq + 1);
        }

        @Override
        public String toString() {
            return raw.toString();
        }
    }

    static Accounting accounting(CollectorProcess collector, String agentId) {
        JsonNode agents = readJson(collector.get("/api/v1/agents"));
        for (JsonNode a : agents) {
            if (agentId.equals(a.path("id").asText())) {
                return new Accounting(agentId, a.path("first_seq").asLong(), a.path("last_seq").asLong(),
                        a.path("received").asLong(), a.path("declared_dropped").asLong(), a.path("gaps").asLong(), a);
            }
        }
        throw new AssertionError("GET /api/v1/agents has no entry for " + agentId + ": " + agents);
    }

    static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /**
     * Waits until {@code assertion} holds; on timeout the failure carries {@code context} (the processes' logs and
     * last answers), asked only then.
     */
    static void await(String what, Supplier<String> context, ThrowingRunnable assertion) {
        try {
            Awaitility.await(what).atMost(AT_MOST).pollInterval(POLL).ignoreExceptions().untilAsserted(assertion);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + context.get(), e);
        }
    }

    /**
     * Waits until the collector holds every record the agent journalled, each once: the agent has nothing left to
     * send and its cursor is its head, and the collector accounts for 1..head with no gap and no drop.
     */
    static void awaitDelivered(AgentProcess agent, CollectorProcess collector, String agentId, long atLeast,
                               Supplier<String> context) {
        AtomicReference<String> last = new AtomicReference<>("(nothing read yet)");
        await("every record of " + agentId + " to reach the collector once", () -> last.get() + "\n" + context.get(),
                () -> {
                    AgentFigures a = AgentFigures.of(agent);
                    Accounting c = accounting(collector, agentId);
                    last.set(a + "\ncollector: " + c);
                    assertThat(a.head()).as("records the agent journalled").isGreaterThanOrEqualTo(atLeast);
                    assertThat(a.lag()).as("the agent's forward lag").isZero();
                    assertThat(a.cursor()).as("the agent's cursor").isEqualTo(a.head());
                    assertThat(c.firstSeq()).as("first_seq").isEqualTo(1);
                    assertThat(c.lastSeq()).as("last_seq").isEqualTo(a.head());
                    assertThat(c.received()).as("received").isEqualTo(a.head());
                    assertThat(c.declaredDropped()).as("declared_dropped").isZero();
                    assertThat(c.gaps()).as("gaps").isZero();
                    assertThat(c.consistent()).as("received + declared_dropped + gaps covers first..last").isTrue();
                });
    }

    /**
     * The collector's {@code /api/v1/targets} entry of {@code target} from {@code agentId} shows db_storage_full with
     * the table's name in the evidence.
     */
    static void assertFullTableSeen(CollectorProcess collector, String target, String agentId) {
        JsonNode targets = readJson(collector.get("/api/v1/targets"));
        JsonNode entry = null;
        for (JsonNode t : targets) {
            if (target.equals(t.path("target").asText())) {
                for (JsonNode r : t.path("agents")) {
                    if (agentId.equals(r.path("agent").asText())) {
                        entry = r;
                    }
                }
            }
        }
        assertThat(entry).as("the latest result of " + target + " from " + agentId + " in " + targets).isNotNull();
        JsonNode result = entry.path("result");
        assertThat(result.path("class").asText()).as("class of " + result).isEqualTo("db_storage_full");
        List<String> evidence = new ArrayList<>();
        for (JsonNode f : result.path("findings")) {
            if (f.path("class").asText().equals("db_storage_full")) {
                evidence.add(f.path("evidence").asText());
            }
        }
        assertThat(evidence).as("evidence of the db_storage_full findings in " + result)
                .anySatisfy(e -> assertThat(e).contains("1114").contains("watchdog"));
        assertThat(result.path("labels").path("site").asText()).as("labels travel with results").isEqualTo("seed");
    }

    /** The sequences the collector's database holds for {@code agentId}: results and state changes. */
    record Stored(TreeSet<Long> seqs, long accountedReceived, List<long[]> ranges) {
        /** The stored sequences as disjoint ranges, for comparison with the collector's own accounting. */
        List<long[]> seqRanges() {
            List<long[]> out = new ArrayList<>();
            for (long s : seqs) {
                if (!out.isEmpty() && out.get(out.size() - 1)[1] == s - 1) {
                    out.get(out.size() - 1)[1] = s;
                } else {
                    out.add(new long[] {s, s});
                }
            }
            return out;
        }

        static String show(List<long[]> ranges) {
            StringBuilder sb = new StringBuilder("[");
            for (long[] r : ranges) {
                sb.append(sb.length() > 1 ? ", " : "").append(r[0]).append("..").append(r[1]);
            }
            return sb.append(']').toString();
        }
    }

    /** Reads what the collector committed, straight from its database (with the collector stopped or not). */
    static Stored stored(String jdbcUrl, String user, String password, String agentId) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            TreeSet<Long> seqs = new TreeSet<>();
            for (String table : List.of("results", "state_changes")) {
                try (ResultSet rs = s.executeQuery("SELECT seq FROM " + table + " WHERE agent = '" + agentId + "'")) {
                    while (rs.next()) {
                        if (!seqs.add(rs.getLong(1))) {
                            throw new AssertionError("sequence " + rs.getLong(1) + " of " + agentId
                                    + " is stored twice (results and state_changes)");
                        }
                    }
                }
            }
            long received = 0;
            try (ResultSet rs = s.executeQuery("SELECT received FROM agents WHERE id = '" + agentId + "'")) {
                if (rs.next()) {
                    received = rs.getLong(1);
                }
            }
            List<long[]> ranges = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT from_seq, to_seq FROM seq_ranges WHERE agent = '" + agentId
                    + "' ORDER BY from_seq")) {
                while (rs.next()) {
                    ranges.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
            return new Stored(seqs, received, ranges);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the collector's database " + jdbcUrl + ": "
                    + e.getMessage(), e);
        }
    }

    static String logs(AgentProcess agent, CollectorProcess collector) {
        return "agent:\n" + (agent == null ? "(not running)" : agent.logTail()) + "\n\ncollector:\n"
                + (collector == null ? "(not running)" : collector.logTail());
    }
}
