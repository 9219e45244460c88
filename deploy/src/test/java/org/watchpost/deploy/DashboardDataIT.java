package org.watchpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.e2e.AgentProcess;
import org.watchpost.agent.e2e.CollectorProcess;
import org.watchpost.agent.e2e.PrometheusServer;
import org.watchpost.agent.e2e.SeedSite;

/**
 * The shipped dashboards and rules against the real thing: a real Prometheus (Debian package prometheus) scrapes a
 * real agent and a real collector; the agent watches the founding failure (a PHP page on a MariaDB whose log table is
 * full), a healthy page on the same site, and an HTTPS page that leaks a debug message and whose certificate expires in
 * two days; it forwards to the collector. Then, with each dashboard's variables resolved against Prometheus the way
 * Grafana resolves them (All selected), every variable has values, every panel query returns data (a trailing
 * {@code or vector(0)} does not count), every rule evaluates without error, and the alerts the failures should raise
 * are pending or firing for the right targets only.
 *
 * <p>Events that only happen when something goes wrong are made to happen: the agent starts before the collector, so
 * its forwarder counts errors; one report with a wrong token is sent, so the collector counts a rejection.
 */
class DashboardDataIT {
    private static final String AGENT = "it-agent";
    private static final Duration AT_MOST = Duration.ofMinutes(3);
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration RANGE = Duration.ofSeconds(60);
    /** A page that answers 200 and shows visitors where the server keeps its code: a debug leak, not an outage. */
    private static final String LEAKY_PAGE = "<!doctype html><html><head><title>Research programmes</title></head><body>"
            + "<h1>Research programmes</h1><p>Our programmes on justice and crime prevention.</p>"
            + "<div class=\"messages error\"><h2 class=\"element-invisible\">Error message</h2><em class=\"placeholder\">"
            + "Notice</em>: Undefined index: und in <em class=\"placeholder\">field_view_value()</em> (line <em"
            + " class=\"placeholder\">1028</em> of <em class=\"placeholder\">/var/www/html/modules/field/field.module"
            + "</em>).</div></body></html>";

    @Test
    void everyPanelReturnsDataAndEveryRuleEvaluates(@TempDir Path dir) throws Exception {
        String token = HexFormat.of().formatHex(randomBytes(16));
        Path tokenFile = dir.resolve("agent.token");
        Files.writeString(tokenFile, token, StandardCharsets.UTF_8);
        int collectorPort = CollectorProcess.freePort();
        try (SeedSite site = SeedSite.start(); TlsPage tls = TlsPage.start(LEAKY_PAGE, dir.resolve("tls"))) {
            Path agentConfig = write(dir.resolve("agent.yml"), """
                    agent:
                      id: %s
                    journal:
                      max_bytes: 16MiB
                      segment_bytes: 1MiB
                      keep_free_bytes: 64MiB
                    collector:
                      url: http://127.0.0.1:%d/
                      token_file: %s
                    defaults:
                      interval: 2s
                      timeout: 1500ms
                      failure_threshold: 2
                      success_threshold: 1
                    targets:
                      - name: seed-press
                        url: %s
                        labels: { site: seed, team: web }
                      - name: seed-healthy
                        url: %s
                        labels: { site: seed, team: web }
                      - name: leaky-tls
                        url: %s
                        labels: { site: lab, team: research }
                    """.formatted(AGENT, collectorPort, tokenFile, site.pressUrl(), site.healthyUrl(), tls.url()));
            Path collectorConfig = write(dir.resolve("collector.yml"), """
                    collector:
                      listen: 127.0.0.1:%d
                      data_dir: %s
                    agents:
                      - id: %s
                        token_sha256: "%s"
                    """.formatted(collectorPort, dir.resolve("collector-data"), AGENT, sha256(token)));
            try (AgentProcess agent = AgentProcess.start(agentConfig, dir.resolve("agent"), tls.jvmOptions());
                 PrometheusServer prometheus = PrometheusServer.start(prometheusConfig(agent.port(), collectorPort),
                         dir.resolve("prometheus"))) {
                // The collector is not up yet: the forwarder's errors are what the Agent health dashboard shows.
                awaitResult(prometheus, "sum(watchpost_forward_errors_total{agent=\"" + AGENT + "\"}) > 0",
                        "the agent to count forwarding errors while the collector is down", agent::logTail);
                try (CollectorProcess collector = CollectorProcess.start(collectorConfig, collectorPort,
                        dir.resolve("collector"))) {
                    int status = collector.status(HttpRequest.newBuilder(collector.url("/api/v1/reports"))
                            .header("Authorization", "Bearer not-the-token")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}")));
                    assertThat(status).as("a report with a wrong token").isEqualTo(401);

                    AtomicReference<List<String>> missing = new AtomicReference<>(List.of("(not checked yet)"));
                    try {
                        Awaitility.await("every panel, variable, rule and expected alert")
                                .atMost(AT_MOST).pollInterval(POLL)
                                .until(() -> {
                                    missing.set(problems(prometheus));
                                    return missing.get().isEmpty();
                                });
                    } catch (ConditionTimeoutException e) {
                        throw new AssertionError("after " + AT_MOST + " these still fail:\n  "
                                + String.join("\n  ", missing.get()) + "\n\nagent:\n" + agent.logTail()
                                + "\n\ncollector:\n" + collector.logTail() + "\n\nprometheus:\n"
                                + prometheus.logTail(), e);
                    }
                }
            }
        }
    }

    /** Everything that is not there yet; empty when the whole stack shows what it should. */
    private static List<String> problems(PrometheusServer prometheus) {
        List<String> problems = new ArrayList<>();
        for (Dashboards.Dashboard d : Dashboards.load()) {
            Map<String, String> values = resolveVariables(prometheus, d, problems);
            for (Expressions.Expression e : Expressions.ofDashboard(d, values)) {
                if (e.kind() == Expressions.Kind.PANEL && !hasData(prometheus, e)) {
                    problems.add(e.where() + " returns no data: " + e.withoutZeroFallback());
                }
            }
        }
        problems.addAll(ruleProblems(prometheus));
        expectAlert(prometheus, problems, "ALERTS{alertname=\"TargetDown\", target=\"seed-press\", site=\"seed\","
                + " team=\"web\"}", true);
        expectAlert(prometheus, problems, "ALERTS{alertname=\"TargetDown\", target=\"seed-healthy\"}", false);
        expectAlert(prometheus, problems, "ALERTS{alertname=\"DebugLeakExposed\", target=\"leaky-tls\","
                + " team=\"research\"}", true);
        expectAlert(prometheus, problems, "ALERTS{alertname=\"DebugLeakExposed\", target=~\"seed-healthy\"}", false);
        expectAlert(prometheus, problems, "ALERTS{alertname=\"TLSCertExpiring\", target=\"leaky-tls\","
                + " severity=\"critical\"}", true);
        return problems;
    }

    /**
     * The values Grafana gives each variable with All selected: the variable's allValue when it has one, else the
     * regex alternation of every value its query returns. A variable whose query returns nothing is a problem.
     */
    private static Map<String, String> resolveVariables(PrometheusServer prometheus, Dashboards.Dashboard d,
                                                        List<String> problems) {
        Map<String, String> values = new LinkedHashMap<>(Expressions.BUILT_INS);
        for (Dashboards.Variable v : d.variables()) {
            if (!v.type().equals("query")) {
                continue;
            }
            List<String> found = new ArrayList<>();
            if (v.promql().isPresent()) {
                String q = Dashboards.substitute(v.promql().get(), values);
                JsonNode answer = prometheus.query(q);
                Pattern regex = v.regex().isEmpty() ? null
                        : Pattern.compile(v.regex().substring(1, v.regex().lastIndexOf('/')));
                for (JsonNode series : answer.path("data").path("result")) {
                    if (regex == null) {
                        v.label().ifPresent(l -> found.add(series.path("metric").path(l).asText()));
                    } else {
                        // Grafana matches query_result's regex against the series as text: {label="value",...}.
                        Matcher m = regex.matcher(seriesText(series.path("metric")));
                        if (m.find()) {
                            found.add(m.group(1));
                        }
                    }
                }
            } else {
                prometheus.get("/api/v1/label/" + v.label().orElseThrow() + "/values").path("data")
                        .forEach(n -> found.add(n.asText()));
            }
            found.removeIf(String::isEmpty);
            if (found.isEmpty()) {
                problems.add("dashboards/" + d.name() + " variable " + v.name() + " has no values (" + v.query() + ")");
            }
            values.put(v.name(), v.allValue() != null ? v.allValue()
                    : found.stream().distinct().sorted().map(DashboardDataIT::regexEscape)
                            .collect(Collectors.joining("|", "(", ")")));
        }
        return values;
    }

    private static boolean hasData(PrometheusServer prometheus, Expressions.Expression e) {
        JsonNode answer;
        if (e.instant()) {
            answer = prometheus.query(e.withoutZeroFallback());
        } else {
            Instant end = Instant.now();
            answer = prometheus.queryRange(e.withoutZeroFallback(), end.minus(RANGE), end, POLL);
        }
        if (!answer.path("status").asText().equals("success")) {
            return false;
        }
        for (JsonNode series : answer.path("data").path("result")) {
            if (series.has("value") || !series.path("values").isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Every shipped rule loaded by Prometheus, evaluated, and without an evaluation error. */
    private static List<String> ruleProblems(PrometheusServer prometheus) {
        List<String> problems = new ArrayList<>();
        int seen = 0;
        for (JsonNode group : prometheus.get("/api/v1/rules").path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                seen++;
                String name = group.path("name").asText() + "/" + rule.path("name").asText();
                if (!rule.path("health").asText().equals("ok")) {
                    problems.add("rule " + name + " has health '" + rule.path("health").asText() + "': "
                            + rule.path("lastError").asText());
                }
            }
        }
        int shipped = RuleFiles.load().size();
        if (seen != shipped) {
            problems.add("Prometheus has " + seen + " rules loaded, the rule files ship " + shipped);
        }
        return problems;
    }

    private static void expectAlert(PrometheusServer prometheus, List<String> problems, String selector,
                                    boolean present) {
        boolean found = !prometheus.query(selector).path("data").path("result").isEmpty();
        if (found != present) {
            problems.add(selector + (present ? " is neither pending nor firing" : " is active and should not be"));
        }
    }

    private static void awaitResult(PrometheusServer prometheus, String expr, String what,
                                    java.util.function.Supplier<String> context) {
        try {
            Awaitility.await(what).atMost(AT_MOST).pollInterval(POLL)
                    .until(() -> !prometheus.query(expr).path("data").path("result").isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("waited " + AT_MOST + " for " + what + " (" + expr + ")\n" + context.get()
                    + "\n" + prometheus.logTail(), e);
        }
    }

    private static String prometheusConfig(int agentPort, int collectorPort) {
        StringBuilder rules = new StringBuilder();
        RuleFiles.ruleFiles().forEach(f -> rules.append("  - ").append(f).append('\n'));
        return """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                %s
                scrape_configs:
                  - job_name: watchpost-agent
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                        labels: { agent: %s }
                  - job_name: watchpost-collector
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(rules.toString().stripTrailing(), agentPort, AGENT, collectorPort);
    }

    private static String seriesText(JsonNode metric) {
        List<String> labels = new ArrayList<>();
        metric.fields().forEachRemaining(f -> labels.add(f.getKey() + "=\"" + f.getValue().asText() + "\""));
        return "{" + String.join(",", labels) + "}";
    }

    /** As Grafana escapes a value for a regex matcher inside a PromQL string: backslash, doubled for the string. */
    private static String regexEscape(String value) {
        return value.replaceAll("([\\\\^$.|?*+()\\[\\]{}])", "\\\\\\\\$1");
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static Path write(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
