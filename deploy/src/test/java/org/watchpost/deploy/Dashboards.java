package org.watchpost.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped Grafana dashboards (dashboards/*.json) as the tests read them: panels, their queries, the variables. */
public final class Dashboards {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABEL_VALUES_OF_SERIES = Pattern.compile("(?s)^\\s*label_values\\((.+),\\s*(\\w+)\\s*\\)\\s*$");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\(\\s*(\\w+)\\s*\\)\\s*$");
    private static final Pattern QUERY_RESULT = Pattern.compile("(?s)^\\s*query_result\\((.+)\\)\\s*$");

    private Dashboards() {
    }

    public record Dashboard(Path file, JsonNode json) {
        public String name() {
            return file.getFileName().toString();
        }

        public String uid() {
            return json.path("uid").asText();
        }

        /** Every panel, those inside collapsed rows included; rows themselves too. */
        public List<JsonNode> panels() {
            List<JsonNode> all = new ArrayList<>();
            for (JsonNode p : json.path("panels")) {
                all.add(p);
                p.path("panels").forEach(all::add);
            }
            return all;
        }

        public List<JsonNode> dataPanels() {
            return panels().stream().filter(p -> !p.path("type").asText().equals("row")).toList();
        }

        public List<Variable> variables() {
            List<Variable> vars = new ArrayList<>();
            for (JsonNode v : json.path("templating").path("list")) {
                JsonNode q = v.path("query");
                String query = q.isObject() ? q.path("query").asText() : q.asText();
                vars.add(new Variable(v.path("name").asText(), v.path("type").asText(), query,
                        v.path("regex").asText(""), v.path("includeAll").asBoolean(),
                        v.has("allValue") ? v.path("allValue").asText() : null));
            }
            return vars;
        }

        public List<PanelQuery> queries() {
            List<PanelQuery> queries = new ArrayList<>();
            for (JsonNode p : dataPanels()) {
                for (JsonNode t : p.path("targets")) {
                    queries.add(new PanelQuery(this, p.path("title").asText(), t.path("refId").asText(),
                            t.path("expr").asText(), t.path("instant").asBoolean(false)));
                }
            }
            return queries;
        }
    }

    /** One query of one panel. */
    public record PanelQuery(Dashboard dashboard, String panel, String refId, String expr, boolean instant) {
        public String where() {
            return "dashboards/" + dashboard.name() + " panel '" + panel + "' query " + refId;
        }
    }

    /** A template variable; {@code query} is empty for the datasource variable's plugin id. */
    public record Variable(String name, String type, String query, String regex, boolean includeAll, String allValue) {
        /**
         * The PromQL that Grafana's Prometheus datasource runs for this variable: {@code label_values(SERIES, LABEL)}
         * asks for the series, {@code query_result(EXPR)} runs EXPR. Empty for {@code label_values(LABEL)}, which
         * reads the label-values API instead, and for non-query variables.
         */
        public Optional<String> promql() {
            if (!type.equals("query")) {
                return Optional.empty();
            }
            Matcher m = QUERY_RESULT.matcher(query);
            if (m.matches()) {
                return Optional.of(m.group(1));
            }
            m = LABEL_VALUES_OF_SERIES.matcher(query);
            if (m.matches()) {
                return Optional.of("group by (" + m.group(2) + ") (" + m.group(1) + ")");
            }
            if (LABEL_VALUES.matcher(query).matches()) {
                return Optional.empty();
            }
            throw new IllegalArgumentException("variable " + name + " has a query this test does not understand: "
                    + query);
        }

        /** The label {@code label_values} reads, for the series form and the label-only form. */
        public Optional<String> label() {
            Matcher m = LABEL_VALUES_OF_SERIES.matcher(query);
            if (m.matches()) {
                return Optional.of(m.group(2));
            }
            m = LABEL_VALUES.matcher(query);
            return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
        }
    }

    public static List<Dashboard> load() {
        List<Dashboard> dashboards = new ArrayList<>();
        for (Path file : RepoFiles.list("dashboards", ".json")) {
            try {
                dashboards.add(new Dashboard(file, JSON.readTree(file.toFile())));
            } catch (IOException e) {
                throw new UncheckedIOException("dashboards/" + file.getFileName() + " is not valid JSON", e);
            }
        }
        return dashboards;
    }

    /**
     * Replaces Grafana's variables in {@code expr} as Grafana does before sending it: {@code $name}, {@code ${name}}
     * and {@code [[name]]} by {@code values}, and the built-in intervals by the given ones.
     */
    public static String substitute(String expr, Map<String, String> values) {
        String s = expr;
        List<Map.Entry<String, String>> byLength = new ArrayList<>(values.entrySet());
        // $__rate_interval before $__range, $target before $t: a longer name is never cut by a shorter one.
        byLength.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
        for (Map.Entry<String, String> e : byLength) {
            String name = e.getKey();
            String value = Matcher.quoteReplacement(e.getValue());
            s = s.replace("${" + name + "}", e.getValue()).replace("[[" + name + "]]", e.getValue());
            s = s.replaceAll("\\$" + Pattern.quote(name) + "(?![A-Za-z0-9_])", value);
        }
        return s;
    }
}
