package org.watchpost.agent.detect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Severity;

/**
 * Validates one signature given as plain YAML data (maps, lists, strings, numbers) and builds it. Shared by the
 * built-in library files and the user's {@code signatures:} in the agent config, so both follow one schema and one
 * set of messages. Every problem is reported, each with the key it is about, so a caller that knows positions can
 * point at the line.
 */
public final class SignatureParser {
    /** Receives problems: {@code key} is a path inside the signature ({@code anchors[1]}, {@code examples}), or "". */
    @FunctionalInterface
    public interface Reporter {
        void problem(String key, String message);
    }

    static final Pattern ID = Pattern.compile("[a-z0-9_]+\\.[a-z0-9_]+");
    static final int MIN_ANCHOR_BYTES = 4;
    static final int MAX_HINT_CHARS = 400;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)}");
    static final Set<String> SIGNATURE_KEYS = Set.of("id", "class", "severity", "anchors", "regex",
            "html_regex", "case", "where", "status", "confidence", "hint", "examples", "yields_to");
    private static final Set<String> EXAMPLE_KEYS = Set.of("body", "status", "headers");

    private final Reporter reporter;
    private int problems;

    private SignatureParser(Reporter reporter) {
        this.reporter = reporter;
    }

    /**
     * @param m      the signature's mapping
     * @param stack  the stack its id must start with, or null to take the stack from the id (user signatures)
     * @param where  prefix of every message, e.g. {@code agent.yml: signature 'x.y'} (the id is appended when known)
     * @param source where it was defined, kept in the signature for later messages
     * @return the signature, or null if anything was wrong (then at least one problem was reported)
     */
    public static Signature parse(Map<?, ?> m, String stack, String where, String source, Reporter reporter) {
        return new SignatureParser(reporter).signature(m, stack, where, source);
    }

    private void problem(String key, String message) {
        problems++;
        reporter.problem(key, message);
    }

private Signature signature(Map<?, ?> m, String stack, String where, String source) {
        int before = problems;
        String id = string(m.get("id"), where + ": id", "id");
        if (id == null) {
            problem("id", where + ": missing id");
            return null;
        }
        where = where + " '" + id + "'";
        if (stack == null) {
            if (!ID.matcher(id).matches()) {
                problem("id", where + ": id must be 'stack.name' in lower case, digits and underscores");
            }
            stack = id.contains(".") ? id.substring(0, id.indexOf('.')) : id;
        } else if (!ID.matcher(id).matches() || !id.startsWith(stack + ".")) {
            problem("id", where + ": id must be '" + stack + ".name' in lower case, digits and underscores");
        }
        unknownKeys(m, SIGNATURE_KEYS, where, "");
        FailureClass fc = parse(m.get("class"), where + ": class", "class", FailureClass::fromId);
        Severity severity = parse(m.get("severity"), where + ": severity", "severity", Severity::fromId);
        List<String> anchors = strings(m.get("anchors"), where + ": anchors", "anchors");
        if (anchors.isEmpty()) {
            problem("anchors", where + ": anchors must list at least one literal string");
        }
        for (int i = 0; i < anchors.size(); i++) {
            String a = anchors.get(i);
            if (AnchorAutomaton.normalize(a.getBytes(StandardCharsets.UTF_8)).length < MIN_ANCHOR_BYTES) {
                problem("anchors[" + i + "]", where + ": anchor '" + a + "' is shorter than " + MIN_ANCHOR_BYTES
                        + " bytes; short anchors match ordinary text everywhere");
            }
        }
        Pattern regex = regex(m.get("regex"), where + ": regex", "regex");
        Pattern htmlRegex = regex(m.get("html_regex"), where + ": html_regex", "html_regex");
        Object caseValue = m.get("case");
        boolean caseSensitive = false;
        if (caseValue != null) {
            if ("sensitive".equals(caseValue)) {
                caseSensitive = true;
            } else if (!"insensitive".equals(caseValue)) {
                problem("case", where + ": case must be 'sensitive' or 'insensitive', got '" + caseValue + "'");
            }
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        List<String> whereList = m.containsKey("where") ? strings(m.get("where"), where + ": where", "where")
                : List.of("text");
        for (String w : whereList) {
            Scope sc = parse(w, where + ": where", "where", Scope::fromId);
            if (sc != null) {
                scopes.add(sc);
            }
        }
        if (scopes.isEmpty()) {
            problem("where", where + ": where must name at least one of title, text, html, headers");
        }
        Set<Integer> statuses = new LinkedHashSet<>();
        if (m.get("status") != null) {
            if (m.get("status") instanceof List<?> l) {
                for (Object o : l) {
                    if (o instanceof Integer code && code >= 100 && code <= 599) {
                        statuses.add(code);
                    } else {
                        problem("status", where + ": status must list HTTP status codes 100..599, got '" + o + "'");
                    }
                }
            } else {
                problem("status", where + ": status must be a list of HTTP status codes");
            }
        }
        double confidence = 0.8;
        if (m.get("confidence") != null) {
            if (m.get("confidence") instanceof Number n && n.doubleValue() > 0 && n.doubleValue() <= 1) {
                confidence = n.doubleValue();
            } else {
                problem("confidence", where + ": confidence must be a number in (0, 1], got '" + m.get("confidence") + "'");
            }
        }
        String hint = string(m.get("hint"), where + ": hint", "hint");
        if (hint == null || hint.isBlank()) {
            problem("hint", where + ": hint is required: one or two sentences telling on-call what to do first");
            hint = "";
        } else if (hint.length() > MAX_HINT_CHARS) {
            problem("hint", where + ": hint is longer than " + MAX_HINT_CHARS + " characters");
        }
        if (hint != null) {
            java.util.regex.Matcher ph = PLACEHOLDER.matcher(hint);
            while (ph.find()) {
                String name = ph.group(1);
                if (regex == null || !regex.pattern().contains("(?<" + name + ">")) {
                    problem("hint", where + ": hint uses {" + name + "} but the regex has no group named '" + name
                            + "'");
                }
            }
        }
        Set<FailureClass> yieldsTo = EnumSet.noneOf(FailureClass.class);
        if (m.containsKey("yields_to")) {
            for (String c : strings(m.get("yields_to"), where + ": yields_to", "yields_to")) {
                FailureClass y = parse(c, where + ": yields_to", "yields_to", FailureClass::fromId);
                if (y != null) {
                    yieldsTo.add(y);
                }
            }
        }
        Signature.Examples examples = examples(m.get("examples"), where);
        if (problems > before || fc == null || severity == null) {
            return null;
        }
        return new Signature(id, stack, fc, severity, anchors, regex, htmlRegex, caseSensitive, scopes, statuses,
                confidence, hint.strip(), examples, source, yieldsTo);
    }

    private Signature.Examples examples(Object o, String where) {
        if (o == null) {
            return Signature.Examples.NONE;
        }
        if (!(o instanceof Map<?, ?> m)) {
            problem("examples", where + ": examples must be a mapping with positive and lookalike lists");
            return Signature.Examples.NONE;
        }
        unknownKeys(m, Set.of("positive", "lookalike"), where + ": examples", "examples.");
        return new Signature.Examples(exampleList(m.get("positive"), where + ": examples.positive",
                "examples.positive"), exampleList(m.get("lookalike"), where + ": examples.lookalike",
                "examples.lookalike"));
    }

    private List<Signature.Example> exampleList(Object o, String where, String key) {
        List<Signature.Example> list = new ArrayList<>();
        if (o == null) {
            return list;
        }
        if (!(o instanceof List<?> l)) {
            problem(key, where + " must be a list");
            return list;
        }
        for (int i = 0; i < l.size(); i++) {
            Object e = l.get(i);
            if (e instanceof String body) {
                list.add(new Signature.Example(body, 200, Map.of()));
            } else if (e instanceof Map<?, ?> m && m.get("body") instanceof String body) {
                unknownKeys(m, EXAMPLE_KEYS, where, key + "[" + i + "].");
                int status = m.get("status") instanceof Integer code ? code : 200;
                Map<String, String> headers = new LinkedHashMap<>();
                if (m.get("headers") instanceof Map<?, ?> h) {
                    h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
                }
                list.add(new Signature.Example(body, status, headers));
            } else {
                problem(key + "[" + i + "]", where
                        + ": each example is a page body, or a mapping with body, status, headers");
            }
        }
        return list;
    }

    private void unknownKeys(Map<?, ?> m, Set<String> valid, String where, String keyPrefix) {
        for (Object k : m.keySet()) {
            if (!valid.contains(String.valueOf(k))) {
                problem(keyPrefix + k, where + ": unknown key '" + k + "'; valid keys: "
                        + valid.stream().sorted().reduce((a, b) -> a + ", " + b).orElse(""));
            }
        }
    }

    private String string(Object o, String where, String key) {
        if (o == null) {
            return null;
        }
        if (o instanceof String s) {
            return s;
        }
        problem(key, where + " must be a string, got '" + o + "'");
        return null;
    }

    private List<String> strings(Object o, String where, String key) {
        List<String> list = new ArrayList<>();
        if (o == null) {
            return list;
        }
        if (!(o instanceof List<?> l)) {
            problem(key, where + " must be a list of strings");
            return list;
        }
        for (int i = 0; i < l.size(); i++) {
            Object e = l.get(i);
            if (e instanceof String s && !s.isBlank()) {
                list.add(s);
            } else {
                problem(key + "[" + i + "]", where + " must contain only non-empty strings, got '" + e + "'");
            }
        }
        return list;
    }

    private Pattern regex(Object o, String where, String key) {
        String s = string(o, where, key);
        if (s == null) {
            return null;
        }
        try {
            return Pattern.compile(s, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            problem(key, where + " does not compile: " + e.getDescription() + " near index " + e.getIndex());
            return null;
        }
    }

    private <T> T parse(Object o, String where, String key, java.util.function.Function<String, T> f) {
        if (o == null) {
            problem(key, where + " is required");
            return null;
        }
        try {
            return f.apply(String.valueOf(o));
        } catch (IllegalArgumentException e) {
            problem(key, where + ": " + e.getMessage());
            return null;
        }
    }

}
