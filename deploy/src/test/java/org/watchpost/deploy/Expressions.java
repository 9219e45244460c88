package org.watchpost.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Every PromQL expression Watchpost ships: dashboard panel queries and variable queries, recording and alert rules. */
public final class Expressions {
    /** What Grafana substitutes for its built-in intervals, for a Prometheus that scrapes every second. */
    public static final Map<String, String> BUILT_INS = Map.of(
            "__rate_interval", "10s", "__interval", "2s", "__range", "1m");
    /** A panel query's trailing {@code or vector(0)} shows 0 instead of "No data"; it must not hide a query's data. */
    private static final Pattern ZERO_FALLBACK = Pattern.compile("\\s+or\\s+vector\\(0\\)\\s*$");

    private Expressions() {
    }

    public enum Kind { PANEL, VARIABLE, RULE }

    /** One expression and where it is shipped; {@code instant} for instant panel queries, variables and rules. */
    public record Expression(String where, String promql, Kind kind, boolean instant) {
        /** The expression without its {@code or vector(0)} fallback: what must return data. */
        public String withoutZeroFallback() {
            return ZERO_FALLBACK.matcher(promql).replaceFirst("");
        }
    }

    /** Every expression, with the variables of each dashboard replaced by {@code variables} (plus the built-ins). */
    public static List<Expression> all(Map<String, String> variables) {
        List<Expression> all = new ArrayList<>();
        for (Dashboards.Dashboard d : Dashboards.load()) {
            all.addAll(ofDashboard(d, variables));
        }
        for (RuleFiles.Rule r : RuleFiles.load()) {
            all.add(new Expression(r.where(), r.expr(), Kind.RULE, true));
        }
        return all;
    }

    public static List<Expression> ofDashboard(Dashboards.Dashboard d, Map<String, String> variables) {
        Map<String, String> values = new java.util.HashMap<>(BUILT_INS);
        values.putAll(variables);
        List<Expression> all = new ArrayList<>();
        for (Dashboards.Variable v : d.variables()) {
            v.promql().ifPresent(q -> all.add(new Expression("dashboards/" + d.name() + " variable " + v.name(),
                    Dashboards.substitute(q, values), Kind.VARIABLE, true)));
        }
        for (Dashboards.PanelQuery q : d.queries()) {
            all.add(new Expression(q.where(), Dashboards.substitute(q.expr(), values), Kind.PANEL, q.instant()));
        }
        return all;
    }

    /** The names the recording rules define: metrics the docs need not list. */
    public static Set<String> recorded() {
        Set<String> names = new HashSet<>();
        RuleFiles.load().stream().filter(r -> !r.alert()).forEach(r -> names.add(r.name()));
        return names;
    }
}
