package org.watchpost.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One YAML mapping of the config, read key by key. Every getter reports what is wrong at the position of the offending
 * value and falls back to a default, so one pass finds every problem; {@link #invalid} tells later cross-field rules
 * which values to leave alone so that one mistake is not reported twice.
 */
public final class ConfigSection {
    /** Describes what a rule accepts; returns null when the value is fine, else the end of a sentence. */
    public interface Rule<T> extends Function<T, String> {
    }

    private final ProblemList problems;
    private final String path;
    private final Optional<Mark> mark;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> invalid = new HashSet<>();
    private final boolean broken;

    private ConfigSection(ProblemList problems, String path, Optional<Mark> mark, boolean broken) {
        this.problems = problems;
        this.path = path;
        this.mark = mark;
        this.broken = broken;
    }

    /**
     * Reads {@code node} as a mapping at {@code path} ("" for the top level).
     *
     * @param node      the mapping; null or a YAML null reads as an empty section
     * @param mark      where to report problems about the whole section when it is empty
     * @param validKeys the keys this section accepts, in the order the messages list them; null accepts any key
     */
    public static ConfigSection of(ProblemList problems, String path, Node node, Optional<Mark> mark, List<String> validKeys) {
        if (node == null || isNull(node)) {
            return new ConfigSection(problems, path, mark, false);
        }
        if (!(node instanceof MappingNode mapping)) {
            problems.add(node, (path.isEmpty() ? "the file" : path) + " must be a mapping of keys to values, not "
                    + describe(node));
            return new ConfigSection(problems, path, node.getStartMark(), true);
        }
        ConfigSection section = new ConfigSection(problems, path, node.getStartMark(), false);
        for (NodeTuple tuple : mapping.getValue()) {
            section.addEntry(tuple, validKeys);
        }
        return section;
    }

    private void addEntry(NodeTuple tuple, List<String> validKeys) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode scalarKey) || isNull(keyNode)) {
            problems.add(keyNode, "a key " + where() + " must be a plain name, not " + describe(keyNode));
            return;
        }
        String key = scalarKey.getValue();
        NodeTuple first = entries.get(key);
        if (first != null) {
            problems.add(keyNode, "duplicate key '" + key + "' " + where() + "; it was first set on line "
                    + line(first.getKeyNode()));
            return;
        }
        if (validKeys != null && !validKeys.contains(key)) {
            String suggestion = Suggestions.closest(key, validKeys);
            problems.add(keyNode, "unknown key '" + abbreviate(key) + "' " + where()
                    + (suggestion == null ? ";" : "; did you mean '" + suggestion + "'?")
                    + " valid keys: " + String.join(", ", validKeys));
            return;
        }
        entries.put(key, tuple);
    }

    /** A nested mapping, such as {@code expect} inside a target. */
    public ConfigSection section(String key, List<String> validKeys) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return new ConfigSection(problems, pathOf(key), mark, false);
        }
        ConfigSection child = of(problems, pathOf(key), tuple.getValueNode(), tuple.getKeyNode().getStartMark(),
                validKeys);
        if (child.broken) {
            invalid.add(key);
        }
        return child;
    }

    public String path() {
        return path;
    }

    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public Optional<Mark> mark() {
        return mark;
    }

    public Set<String> keys() {
        return entries.keySet();
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** True when {@code key} was given but its value was rejected. */
    public boolean invalid(String key) {
        return invalid.contains(key);
    }

    /** The value node of {@code key}, or null when absent. */
    public Node node(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    /** The key node of {@code key}, or null when absent. */
    public Node keyNode(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getKeyNode();
    }

    /** Reports a problem with one item of {@code key}'s list and remembers that the list is invalid. */
    public void rejectItem(String key, Node item, String message) {
        invalid.add(key);
        problems.add(item, message);
    }

    /** Reports a missing key at the section's position; a section that is not a mapping was already reported. */
    public void require(String key) {
        if (!broken && !has(key)) {
            problems.add(mark, (path.isEmpty() ? "the file" : path) + " is missing the required key '" + key + "'");
        }
    }

    /** Reports a problem with {@code key}'s value and remembers that it is invalid. */
    public void reject(String key, String message) {
        invalid.add(key);
        problems.add(node(key), message);
    }

    /**
     * The text of a scalar, or null (after reporting) when absent, null or not a scalar.
     *
     * @param expected what the key holds, for the wrong-type message: "a URL such as https://example.org/"
     * @param optional whether the key has a default, which the no-value message then points to
     */
    public String text(String key, String expected, boolean optional) {
        Node node = node(key);
        if (node == null) {
            return null;
        }
        if (isNull(node)) {
            reject(key, pathOf(key) + " has no value" + (optional ? "; remove the key to use the default" : ""));
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            reject(key, pathOf(key) + " must be " + expected + ", not " + describe(node));
            return null;
        }
        return scalar.getValue();
    }

    public Long size(String key, long fallback, Rule<Long> rule) {
        return parsed(key, fallback, "a size such as 8MiB", "size", Sizes::parse, rule);
    }

    public Duration duration(String key, Duration fallback, Rule<Duration> rule) {
        return parsed(key, fallback, "a duration such as 30s", "duration", Durations::parse, rule);
    }

    public int integer(String key, int fallback, Rule<Integer> rule) {
        String text = text(key, "a whole number", true);
        if (text == null) {
            return fallback;
        }
        Integer value = parseInteger(text);
        if (value == null) {
            reject(key, integerProblem(pathOf(key), text));
            return fallback;
        }
        return checked(key, value, fallback, rule);
    }

    /** One of a fixed set of words, such as a log level. */
    public <T> T choice(String key, T fallback, Map<String, T> choices, String noun) {
        String text = text(key, "one of " + String.join(", ", choices.keySet()), true);
        if (text == null) {
            return fallback;
        }
        T value = choices.get(text);
        if (value == null) {
            String suggestion = Suggestions.closest(text, choices.keySet());
            reject(key, pathOf(key) + " '" + abbreviate(text) + "' is not a valid " + noun
                    + (suggestion == null ? ";" : "; did you mean '" + suggestion + "'?")
                    + " valid " + noun + "s: " + String.join(", ", choices.keySet()));
            return fallback;
        }
        return value;
    }

    /**
     * The items of a list, or null (after reporting) when absent, null or not a list.
     *
     * @param expected what the list holds, for the wrong-type message: "a list of HTTP statuses such as [200]"
     */
    public List<Node> list(String key, String expected) {
        Node node = node(key);
        if (node == null) {
            return null;
        }
        if (isNull(node)) {
            reject(key, pathOf(key) + " has no value; write [] for an empty list or remove the key");
            return null;
        }
        if (!(node instanceof SequenceNode sequence)) {
            reject(key, pathOf(key) + " must be " + expected + ", not " + describe(node));
            return null;
        }
        return new ArrayList<>(sequence.getValue());
    }

    private <T> T parsed(String key, T fallback, String expected, String noun, Function<String, T> parser,
                         Rule<T> rule) {
        String text = text(key, expected, true);
        if (text == null) {
            return fallback;
        }
        T value;
        try {
            value = parser.apply(text);
        } catch (IllegalArgumentException e) {
            reject(key, pathOf(key) + " is not a valid " + noun + ": " + e.getMessage());
            return fallback;
        }
        return checked(key, value, fallback, rule);
    }

    private <T> T checked(String key, T value, T fallback, Rule<T> rule) {
        String failure = rule == null ? null : rule.apply(value);
        if (failure != null) {
            reject(key, pathOf(key) + " " + failure);
            return fallback;
        }
        return value;
    }

    private String where() {
        return path.isEmpty() ? "at the top level" : "in " + path;
    }

    public static Integer parseInteger(String text) {
        if (!text.matches("[-+]?\\d+")) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Why {@code text} is not an int, for a value at {@code path}. */
    public static String integerProblem(String path, String text) {
        if (text.matches("[-+]?\\d+")) {
            return path + " is out of range: " + abbreviate(text);
        }
        return path + " must be a whole number, not '" + abbreviate(text) + "'";
    }

    public static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    public static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    /** How a wrong value reads in a message: "a list", "a mapping", or the quoted scalar. */
    public static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "an empty value";
        }
        return "'" + abbreviate(((ScalarNode) node).getValue()) + "'";
    }

    /** Keeps messages one line even when someone pasted a whole page into a value. */
    public static String abbreviate(String text) {
        String oneLine = text.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }

    // Rules shared by several sections.

    public static Rule<Integer> atLeast(int min) {
        return v -> v >= min ? null : "must be at least " + min + ", not " + v;
    }

    public static Rule<Integer> between(int min, int max) {
        return v -> v >= min && v <= max ? null : "must be between " + min + " and " + max + ", not " + v;
    }

    public static Rule<Duration> positive() {
        return v -> v.isZero() ? "must be longer than 0s" : null;
    }

    public static Rule<Long> positiveSize() {
        return v -> v > 0 ? null : "must be larger than 0B";
    }

    public static Rule<Long> sizeAtLeast(long min) {
        return v -> v >= min ? null : "must be at least " + Sizes.format(min) + ", not " + Sizes.format(v);
    }
}
