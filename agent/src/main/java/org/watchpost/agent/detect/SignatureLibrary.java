package org.watchpost.agent.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Severity;

/**
 * All signatures, compiled: the anchors of every signature (and their HTML-escaped spellings) go into one automaton
 * for bodies and one for headers, so a page is scanned once whatever the size of the library.
 *
 * <pre>{@code
 * SignatureLibrary lib = SignatureLibrary.builtIn();
 * Detector detector = new Detector(lib, DetectorSettings.DEFAULTS);
 * }</pre>
 */
public final class SignatureLibrary {
    /** The built-in library: the files listed, one per line, in this resource. */
    static final String INDEX = "/signatures/index.txt";
    private static final Pattern ID = Pattern.compile("[a-z0-9_]+\\.[a-z0-9_]+");
    private static final Pattern STACK = Pattern.compile("[a-z0-9_]+");
    static final int MIN_ANCHOR_BYTES = 4;
    static final int MAX_HINT_CHARS = 400;

    private final List<Signature> signatures;
    private final Map<String, Signature> byId;
    private final Map<String, String> stackNames;
    private final Compiled body;
    private final Compiled headers;

    /** One automaton and, per pattern, which signature and anchor it came from. */
    record Compiled(AnchorAutomaton automaton, int[] signature, int[] rawLength, boolean[] escaped) {
        static final Compiled EMPTY = new Compiled(null, new int[0], new int[0], new boolean[0]);

        boolean isEmpty() {
            return automaton == null;
        }
    }

    private SignatureLibrary(List<Signature> signatures, Map<String, String> stackNames) {
        this.signatures = List.copyOf(signatures);
        this.stackNames = Map.copyOf(stackNames);
        Map<String, Signature> ids = new LinkedHashMap<>();
        for (Signature s : signatures) {
            ids.put(s.id(), s);
        }
        this.byId = Map.copyOf(ids);
        this.body = compile(signatures, false);
        this.headers = compile(signatures, true);
    }

    /** The library shipped in the jar. */
    public static SignatureLibrary builtIn() {
        List<Source> sources = new ArrayList<>();
        for (String file : readResource(INDEX).split("\n")) {
            String name = file.trim();
            if (!name.isEmpty() && !name.startsWith("#")) {
                sources.add(new Source("signatures/" + name, readResource("/signatures/" + name)));
            }
        }
        try {
            return load(sources);
        } catch (SignatureException e) {
            // The built-in library is tested; failing here means a broken build, not a user error.
            throw new IllegalStateException("the built-in signature library is invalid:\n" + e.getMessage(), e);
        }
    }

    /** A signature file's name (for messages) and YAML text. */
    public record Source(String name, String yaml) {
    }

    /**
     * Parses and compiles signature files.
     *
     * @throws SignatureException listing every problem, each naming its file and signature
     */
    public static SignatureLibrary load(List<Source> sources) throws SignatureException {
        List<String> problems = new ArrayList<>();
        List<Signature> all = new ArrayList<>();
        Map<String, String> stackNames = new LinkedHashMap<>();
        Map<String, String> seen = new HashMap<>();
        for (Source src : sources) {
            new FileParser(src, problems, all, stackNames, seen).parse();
        }
        if (!problems.isEmpty()) {
            throw new SignatureException(problems);
        }
        return new SignatureLibrary(all, stackNames);
    }

    /** Adds signatures (e.g. the user's, from the agent config) to this library, as a new library. */
    public SignatureLibrary with(List<Signature> extra) throws SignatureException {
        List<String> problems = new ArrayList<>();
        for (Signature s : extra) {
            if (byId.containsKey(s.id())) {
                problems.add(s.source() + ": signature '" + s.id() + "' is already defined at "
                        + byId.get(s.id()).source());
            }
        }
        if (!problems.isEmpty()) {
            throw new SignatureException(problems);
        }
        List<Signature> all = new ArrayList<>(signatures);
        all.addAll(extra);
        Map<String, String> names = new LinkedHashMap<>(stackNames);
        for (Signature s : extra) {
            names.putIfAbsent(s.stack(), s.stack());
        }
        return new SignatureLibrary(all, names);
    }

    public List<Signature> signatures() {
        return signatures;
    }

    public Signature byId(String id) {
        return byId.get(id);
    }

    /** Display names of the stacks, by stack id, in file order. */
    public Map<String, String> stackNames() {
        return stackNames;
    }

    Compiled body() {
        return body;
    }

    Compiled headers() {
        return headers;
    }

    private static Compiled compile(List<Signature> signatures, boolean headerScope) {
        List<byte[]> patterns = new ArrayList<>();
        List<Integer> sig = new ArrayList<>();
        List<Integer> raw = new ArrayList<>();
        List<Boolean> esc = new ArrayList<>();
        for (int i = 0; i < signatures.size(); i++) {
            Signature s = signatures.get(i);
            boolean wants = headerScope ? s.scopes().contains(Scope.HEADERS)
                    : s.scopes().contains(Scope.TEXT) || s.scopes().contains(Scope.TITLE)
                    || s.scopes().contains(Scope.HTML);
            if (!wants) {
                continue;
            }
            boolean textual = !headerScope && (s.scopes().contains(Scope.TEXT) || s.scopes().contains(Scope.TITLE));
            for (String anchor : s.anchors()) {
                for (String variant : textual ? Entities.spellings(anchor) : List.of(anchor)) {
                    byte[] b = variant.getBytes(StandardCharsets.UTF_8);
                    patterns.add(b);
                    sig.add(i);
                    raw.add(b.length);
                    esc.add(!variant.equals(anchor));
                }
            }
        }
        if (patterns.isEmpty()) {
            return Compiled.EMPTY;
        }
        boolean[] escaped = new boolean[esc.size()];
        for (int i = 0; i < escaped.length; i++) {
            escaped[i] = esc.get(i);
        }
        return new Compiled(AnchorAutomaton.compile(patterns),
                sig.stream().mapToInt(Integer::intValue).toArray(),
                raw.stream().mapToInt(Integer::intValue).toArray(), escaped);
    }

    private static String readResource(String name) {
        try (InputStream in = SignatureLibrary.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }

    /** Parses one signature file, collecting problems instead of stopping at the first. */
    private static final class FileParser {
        private static final Set<String> FILE_KEYS = Set.of("stack", "name", "signatures");
        private static final Set<String> SIGNATURE_KEYS = Set.of("id", "class", "severity", "anchors", "regex",
                "html_regex", "case", "where", "status", "confidence", "hint", "examples");
        private static final Set<String> EXAMPLE_KEYS = Set.of("body", "status", "headers");

        private final Source src;
        private final List<String> problems;
        private final List<Signature> out;
        private final Map<String, String> stackNames;
        private final Map<String, String> seen;

        FileParser(Source src, List<String> problems, List<Signature> out, Map<String, String> stackNames,
                   Map<String, String> seen) {
            this.src = src;
            this.problems = problems;
            this.out = out;
            this.stackNames = stackNames;
            this.seen = seen;
        }

        void parse() {
            Object doc;
            try {
                doc = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).setMaxAliasesForCollections(10)
                        .setLabel(src.name()).build()).loadFromString(src.yaml());
            } catch (YamlEngineException e) {
                problems.add(src.name() + ": not valid YAML: " + e.getMessage().replace('\n', ' '));
                return;
            }
            if (!(doc instanceof Map<?, ?> file)) {
                problems.add(src.name() + ": expected a mapping with keys stack, name and signatures");
                return;
            }
            unknownKeys(file, FILE_KEYS, src.name());
            String stack = string(file.get("stack"), src.name() + ": stack");
            if (stack == null || !STACK.matcher(stack).matches()) {
                problems.add(src.name() + ": stack must be a lower-case id such as 'drupal', got '" + stack + "'");
                return;
            }
            String name = file.get("name") == null ? stack : String.valueOf(file.get("name"));
            stackNames.putIfAbsent(stack, name);
            if (!(file.get("signatures") instanceof List<?> list) || list.isEmpty()) {
                problems.add(src.name() + ": signatures must be a non-empty list");
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                String where = src.name() + ": signatures[" + i + "]";
                if (list.get(i) instanceof Map<?, ?> m) {
                    Signature s = signature(m, stack, where);
                    if (s != null) {
                        out.add(s);
                    }
                } else {
                    problems.add(where + ": expected a mapping");
                }
            }
        }

        private Signature signature(Map<?, ?> m, String stack, String where) {
            int before = problems.size();
            String id = string(m.get("id"), where + ".id");
            if (id == null) {
                problems.add(where + ": missing id");
                return null;
            }
            where = src.name() + ": signature '" + id + "'";
            if (!ID.matcher(id).matches() || !id.startsWith(stack + ".")) {
                problems.add(where + ": id must be '" + stack + ".name' in lower case, digits and underscores");
            }
            String first = seen.putIfAbsent(id, src.name());
            if (first != null) {
                problems.add(where + ": duplicate id, first defined in " + first);
            }
            unknownKeys(m, SIGNATURE_KEYS, where);
            FailureClass fc = parse(m.get("class"), where + ": class", FailureClass::fromId);
            Severity severity = parse(m.get("severity"), where + ": severity", Severity::fromId);
            List<String> anchors = strings(m.get("anchors"), where + ": anchors");
            if (anchors.isEmpty()) {
                problems.add(where + ": anchors must list at least one literal string");
            }
            for (String a : anchors) {
                if (AnchorAutomaton.normalize(a.getBytes(StandardCharsets.UTF_8)).length < MIN_ANCHOR_BYTES) {
                    problems.add(where + ": anchor '" + a + "' is shorter than " + MIN_ANCHOR_BYTES
                            + " bytes; short anchors match ordinary text everywhere");
                }
            }
            Pattern regex = regex(m.get("regex"), where + ": regex");
            Pattern htmlRegex = regex(m.get("html_regex"), where + ": html_regex");
            Object caseValue = m.get("case");
            boolean caseSensitive = false;
            if (caseValue != null) {
                if ("sensitive".equals(caseValue)) {
                    caseSensitive = true;
                } else if (!"insensitive".equals(caseValue)) {
                    problems.add(where + ": case must be 'sensitive' or 'insensitive', got '" + caseValue + "'");
                }
            }
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            List<String> whereList = m.containsKey("where") ? strings(m.get("where"), where + ": where")
                    : List.of("text");
            for (String w : whereList) {
                Scope sc = parse(w, where + ": where", Scope::fromId);
                if (sc != null) {
                    scopes.add(sc);
                }
            }
            if (scopes.isEmpty()) {
                problems.add(where + ": where must name at least one of title, text, html, headers");
            }
            Set<Integer> statuses = new LinkedHashSet<>();
            if (m.get("status") != null) {
                if (m.get("status") instanceof List<?> l) {
                    for (Object o : l) {
                        if (o instanceof Integer code && code >= 100 && code <= 599) {
                            statuses.add(code);
                        } else {
                            problems.add(where + ": status must list HTTP status codes 100..599, got '" + o + "'");
                        }
                    }
                } else {
                    problems.add(where + ": status must be a list of HTTP status codes");
                }
            }
            double confidence = 0.8;
            if (m.get("confidence") != null) {
                if (m.get("confidence") instanceof Number n && n.doubleValue() > 0 && n.doubleValue() <= 1) {
                    confidence = n.doubleValue();
                } else {
                    problems.add(where + ": confidence must be a number in (0, 1], got '" + m.get("confidence") + "'");
                }
            }
            String hint = string(m.get("hint"), where + ": hint");
            if (hint == null || hint.isBlank()) {
                problems.add(where + ": hint is required: one or two sentences telling on-call what to do first");
                hint = "";
            } else if (hint.length() > MAX_HINT_CHARS) {
                problems.add(where + ": hint is longer than " + MAX_HINT_CHARS + " characters");
            }
            Signature.Examples examples = examples(m.get("examples"), where);
            if (problems.size() > before || fc == null || severity == null) {
                return null;
            }
            return new Signature(id, stack, fc, severity, anchors, regex, htmlRegex, caseSensitive, scopes, statuses,
                    confidence, hint.strip(), examples, src.name());
        }

        private Signature.Examples examples(Object o, String where) {
            if (o == null) {
                return Signature.Examples.NONE;
            }
            if (!(o instanceof Map<?, ?> m)) {
                problems.add(where + ": examples must be a mapping with positive and lookalike lists");
                return Signature.Examples.NONE;
            }
            unknownKeys(m, Set.of("positive", "lookalike"), where + ": examples");
            return new Signature.Examples(exampleList(m.get("positive"), where + ": examples.positive"),
                    exampleList(m.get("lookalike"), where + ": examples.lookalike"));
        }

        private List<Signature.Example> exampleList(Object o, String where) {
            List<Signature.Example> list = new ArrayList<>();
            if (o == null) {
                return list;
            }
            if (!(o instanceof List<?> l)) {
                problems.add(where + " must be a list");
                return list;
            }
            for (Object e : l) {
                if (e instanceof String body) {
                    list.add(new Signature.Example(body, 200, Map.of()));
                } else if (e instanceof Map<?, ?> m && m.get("body") instanceof String body) {
                    unknownKeys(m, EXAMPLE_KEYS, where);
                    int status = m.get("status") instanceof Integer i ? i : 200;
                    Map<String, String> headers = new LinkedHashMap<>();
                    if (m.get("headers") instanceof Map<?, ?> h) {
                        h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
                    }
                    list.add(new Signature.Example(body, status, headers));
                } else {
                    problems.add(where + ": each example is a page body, or a mapping with body, status, headers");
                }
            }
            return list;
        }

        private void unknownKeys(Map<?, ?> m, Set<String> valid, String where) {
            for (Object k : m.keySet()) {
                if (!valid.contains(String.valueOf(k))) {
                    problems.add(where + ": unknown key '" + k + "'; valid keys: "
                            + valid.stream().sorted().reduce((a, b) -> a + ", " + b).orElse(""));
                }
            }
        }

        private String string(Object o, String where) {
            if (o == null) {
                return null;
            }
            if (o instanceof String s) {
                return s;
            }
            problems.add(where + " must be a string, got '" + o + "'");
            return null;
        }

        private List<String> strings(Object o, String where) {
            List<String> list = new ArrayList<>();
            if (o == null) {
                return list;
            }
            if (!(o instanceof List<?> l)) {
                problems.add(where + " must be a list of strings");
                return list;
            }
            for (Object e : l) {
                if (e instanceof String s && !s.isBlank()) {
                    list.add(s);
                } else {
                    problems.add(where + " must contain only non-empty strings, got '" + e + "'");
                }
            }
            return list;
        }

        private Pattern regex(Object o, String where) {
            String s = string(o, where);
            if (s == null) {
                return null;
            }
            try {
                return Pattern.compile(s, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            } catch (PatternSyntaxException e) {
                problems.add(where + " does not compile: " + e.getDescription() + " near index " + e.getIndex());
                return null;
            }
        }

        private <T> T parse(Object o, String where, java.util.function.Function<String, T> f) {
            if (o == null) {
                problems.add(where + " is required");
                return null;
            }
            try {
                return f.apply(String.valueOf(o));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
                return null;
            }
        }
    }
}
