package org.watchpost.agent.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Reads the samples of a Prometheus text exposition (format 0.0.4, and the sample lines of OpenMetrics) so tests can
 * ask what a scrape would see. Values print as {@code 1} or {@code 1.0} depending on the client library; both parse to
 * the same double.
 *
 * <pre>{@code
 * PrometheusText m = PrometheusText.parse(agent.metrics());
 * m.value("watchpost_target_up", Map.of("target", "seed-press"))  // OptionalDouble[0.0]
 * }</pre>
 */
public final class PrometheusText {
    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    /** One sample line: metric name, its labels, its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            Objects.requireNonNull(name, "name");
            labels = Map.copyOf(labels);
        }

        boolean matches(String wantedName, Map<String, String> labelSubset) {
            return name.equals(wantedName) && labels.entrySet().containsAll(labelSubset.entrySet());
        }
    }

    /**
     * @throws IllegalArgumentException naming the line number and quoting the line when a sample line is malformed
     */
    public static PrometheusText parse(String exposition) {
        List<Sample> samples = new ArrayList<>();
        List<String> lines = exposition.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(parseSample(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " of the exposition is not a sample ("
                        + e.getMessage() + "): " + line, e);
            }
        }
        return new PrometheusText(samples);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Every sample called {@code name} whose labels include all of {@code labelSubset}. */
    public List<Sample> find(String name, Map<String, String> labelSubset) {
        return samples.stream().filter(s -> s.matches(name, labelSubset)).toList();
    }

    /**
     * The value of the one sample called {@code name} whose labels include {@code labelSubset}; empty when there is
     * none.
     *
     * @throws IllegalStateException when several samples match, since then the question was ambiguous
     */
    public OptionalDouble value(String name, Map<String, String> labelSubset) {
        List<Sample> found = find(name, labelSubset);
        if (found.size() > 1) {
            throw new IllegalStateException(found.size() + " samples of " + name + " match " + labelSubset + ": "
                    + found);
        }
        return found.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(found.get(0).value());
    }

    /** Whether some sample called {@code name} with labels including {@code labelSubset} has exactly {@code value}. */
    public boolean has(String name, Map<String, String> labelSubset, double value) {
        return find(name, labelSubset).stream().anyMatch(s -> Double.compare(s.value(), value) == 0);
    }

    /** The sample lines of the {@code watchpost_} metrics, for failure messages that show what the agent exposed. */
    public static String watchpostLines(String exposition) {
        StringBuilder sb = new StringBuilder();
        exposition.lines().filter(l -> l.startsWith("watchpost_")).forEach(l -> sb.append(l).append('\n'));
        return sb.length() == 0 ? "(no watchpost_ samples)\n" : sb.toString();
    }

    private static Sample parseSample(String line) {
        int pos = 0;
        while (pos < line.length() && line.charAt(pos) != '{' && !Character.isWhitespace(line.charAt(pos))) {
            pos++;
        }
        String name = line.substring(0, pos);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("no metric name");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (pos < line.length() && line.charAt(pos) == '{') {
            pos = parseLabels(line, pos + 1, labels);
        }
        String[] rest = line.substring(pos).strip().split("\\s+");
        if (rest.length == 0 || rest[0].isEmpty()) {
            throw new IllegalArgumentException("no value");
        }
        return new Sample(name, labels, parseValue(rest[0]));
    }

    /** Parses {@code a="x",b="y"}} from {@code pos}; returns the index after the closing brace. */
    private static int parseLabels(String line, int pos, Map<String, String> labels) {
        while (true) {
            while (pos < line.length() && (line.charAt(pos) == ',' || line.charAt(pos) == ' ')) {
                pos++;
            }
            if (pos >= line.length()) {
                throw new IllegalArgumentException("unclosed label set");
            }
            if (line.charAt(pos) == '}') {
                return pos + 1;
            }
            int eq = line.indexOf('=', pos);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("label without =\"value\" at column " + (pos + 1));
            }
            String key = line.substring(pos, eq).strip();
            StringBuilder value = new StringBuilder();
            int i = eq + 2;
            for (; i < line.length() && line.charAt(i) != '"'; i++) {
                char c = line.charAt(i);
                if (c == '\\' && i + 1 < line.length()) {
                    char next = line.charAt(++i);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            if (i >= line.length()) {
                throw new IllegalArgumentException("unterminated value of label " + key);
            }
            labels.put(key, value.toString());
            pos = i + 1;
        }
    }

    private static double parseValue(String token) {
        return switch (token) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(token);
        };
    }
}
