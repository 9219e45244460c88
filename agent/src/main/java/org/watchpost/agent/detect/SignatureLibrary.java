package org.watchpost.agent.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

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
    /** Signature index of patterns that belong to no signature. */
    static final int INTERNAL = -1;
    static final String HTML_END = "</html";
    private static final Pattern STACK = Pattern.compile("[a-z0-9_]+");

    private final List<Signature> signatures;
    private final Map<String, Signature> byId;
    private final Map<String, String> stackNames;
    private final Compiled body;
    private final Map<Integer, Compiled> bodyByStatus;
    private final Compiled headers;
    private final Set<String> headerNames;

    /**
     * One automaton and, per pattern, which signature and anchor (as written, before escaping) it came from, its
     * length in bytes and whether it is an escaped spelling.
     */
    record Compiled(AnchorAutomaton automaton, int[] signature, String[] anchor, int[] rawLength, boolean[] escaped) {
        static final Compiled EMPTY = new Compiled(null, new int[0], new String[0], new int[0], new boolean[0]);

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
        this.body = compile(signatures, false, s -> s.statuses().isEmpty(), true);
        Map<Integer, Compiled> byStatus = new HashMap<>();
        for (Signature s : signatures) {
            for (int status : s.statuses()) {
                byStatus.computeIfAbsent(status, st -> compile(signatures, false,
                        x -> x.statuses().contains(st), false));
            }
        }
        byStatus.values().removeIf(Compiled::isEmpty);
        this.bodyByStatus = Map.copyOf(byStatus);
        this.headers = compile(signatures, true, s -> true, false);
        this.headerNames = headerNames(signatures);
    }

    /**
     * The header names that header anchors start with ({@code cf-mitigated} of {@code cf-mitigated: challenge}), or
     * null when an anchor does not name its header (then every header line is scanned).
     */
    private static Set<String> headerNames(List<Signature> signatures) {
        Set<String> names = new java.util.HashSet<>();
        for (Signature s : signatures) {
            if (!s.scopes().contains(Scope.HEADERS)) {
                continue;
            }
            for (String a : s.anchors()) {
                int colon = a.indexOf(':');
                if (colon <= 0 || !a.substring(0, colon).matches("[A-Za-z0-9-]+")) {
                    return null;
                }
                names.add(a.substring(0, colon).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return Set.copyOf(names);
    }

    /** The library shipped in the jar. */
    public static SignatureLibrary builtIn() {
        return BuiltIn.LIBRARY;
    }

    /**
     * Compiled once, on first use: the library is immutable, and a config load (which checks user signature ids
     * against it), a reload and every classify would otherwise parse 267 signatures and build the automaton again.
     */
    private static final class BuiltIn {
        static final SignatureLibrary LIBRARY = loadBuiltIn();
    }

    private static SignatureLibrary loadBuiltIn() {
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

    /**
     * The body anchors of the signatures that apply to any status. Signatures limited to some statuses (often with
     * ordinary words as anchors, such as a 503 page titled "Maintenance") are in {@link #bodyFor}, so a healthy 200
     * page is never scanned for them and has no hit at all.
     */
    Compiled body() {
        return body;
    }

    /**
     * Whether a header line of this name (lower case) can hold a header anchor. Lets a response whose headers no
     * anchor names skip the header scan.
     */
    boolean headerMayMatch(String name) {
        return headerNames == null || headerNames.contains(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** The body anchors of the signatures limited to statuses that include this one, or {@link Compiled#EMPTY}. */
    Compiled bodyFor(int status) {
        return bodyByStatus.getOrDefault(status, Compiled.EMPTY);
    }

    Compiled headers() {
        return headers;
    }

    private static Compiled compile(List<Signature> signatures, boolean headerScope,
                                    java.util.function.Predicate<Signature> include, boolean withHtmlEnd) {
        List<byte[]> patterns = new ArrayList<>();
        List<Integer> sig = new ArrayList<>();
        List<String> anchors = new ArrayList<>();
        List<Integer> raw = new ArrayList<>();
        List<Boolean> esc = new ArrayList<>();
        for (int i = 0; i < signatures.size(); i++) {
            Signature s = signatures.get(i);
            if (!include.test(s)) {
                continue;
            }
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
                    anchors.add(anchor);
                    raw.add(b.length);
                    esc.add(!variant.equals(anchor));
                }
            }
        }
        if (withHtmlEnd) {
            // Not a signature: tells the detector whether the page has its closing tag (a page that normally has
            // one and arrives without it was cut off), found in the same single pass.
            patterns.add(HTML_END.getBytes(StandardCharsets.UTF_8));
            sig.add(INTERNAL);
            anchors.add(HTML_END);
            raw.add(HTML_END.length());
            esc.add(false);
        }
        if (patterns.isEmpty()) {
            return Compiled.EMPTY;
        }
        boolean[] escaped = new boolean[esc.size()];
        for (int i = 0; i < escaped.length; i++) {
            escaped[i] = esc.get(i);
        }
        return new Compiled(AnchorAutomaton.compile(patterns),
                sig.stream().mapToInt(Integer::intValue).toArray(), anchors.toArray(new String[0]),
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
            for (Object k : file.keySet()) {
                if (!FILE_KEYS.contains(String.valueOf(k))) {
                    problems.add(src.name() + ": unknown key '" + k + "'; valid keys: name, signatures, stack");
                }
            }
            String stack = file.get("stack") instanceof String st ? st : null;
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
                if (list.get(i) instanceof Map<?, ?> m) {
                    Signature s = SignatureParser.parse(m, stack, src.name() + ": signature", src.name(),
                            (key, message) -> problems.add(message));
                    if (s != null) {
                        String first = seen.putIfAbsent(s.id(), src.name());
                        if (first != null) {
                            problems.add(src.name() + ": signature '" + s.id() + "': duplicate id, first defined in "
                                    + first);
                        } else {
                            out.add(s);
                        }
                    }
                } else {
                    problems.add(src.name() + ": signatures[" + i + "]: expected a mapping");
                }
            }
        }

    }
}
