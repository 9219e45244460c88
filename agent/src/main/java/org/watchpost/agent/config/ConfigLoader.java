package org.watchpost.agent.config;

import org.watchpost.agent.detect.Expect;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.watchpost.agent.detect.Signature;
import org.watchpost.config.ConfigException;
import org.watchpost.config.ConfigSection;
import org.watchpost.config.Durations;
import org.watchpost.config.HostPort;
import org.watchpost.config.ProblemList;
import org.watchpost.config.Sizes;
import org.watchpost.config.YamlSource;

/**
 * Reads the agent's YAML config into an {@link AgentConfig}, or fails with every problem in the file, each as
 * {@code FILE:LINE:COL: message}.
 *
 * <pre>{@code
 * AgentConfig config = ConfigLoader.load(Path.of("/etc/watchpost/agent.yml"));
 * // on ConfigException: e.problems().forEach(System.err::println); exit 2
 * }</pre>
 *
 * <p>Unknown keys are errors, not warnings: a misspelt {@code timout} that is silently ignored leaves a probe with the
 * default timeout, which nobody notices until it matters. Relative paths ({@code data_dir}, {@code token_file}) are
 * resolved against the config file's directory, so the file means the same whatever directory the agent starts in.
 */
public final class ConfigLoader {
    static final List<String> TOP_KEYS =
            List.of("agent", "journal", "collector", "log", "defaults", "targets", "signatures");
    static final List<String> AGENT_KEYS = List.of("id", "listen", "data_dir", "max_concurrency", "allowed_hosts");
    static final List<String> JOURNAL_KEYS =
            List.of("max_bytes", "segment_bytes", "keep_free_bytes", "max_age", "fsync_interval");
    static final List<String> COLLECTOR_KEYS = List.of("url", "token_file", "ca_file", "batch_max_records",
            "batch_max_bytes", "batch_max_wait", "max_backoff", "timeout");
    /** A token file holds one line; anything bigger is not a token file. */
    static final int MAX_TOKEN_FILE_BYTES = 4096;
    static final int MAX_CA_FILE_BYTES = 1 << 20;
    static final List<String> LOG_KEYS = List.of("level", "format", "max_file_bytes", "max_total_bytes");
    static final List<String> PROBE_KEYS = List.of("interval", "timeout", "failure_threshold", "success_threshold",
            "max_body_bytes", "per_host_concurrency", "per_host_min_spacing", "max_redirects", "expect", "tls_ca_file");
    static final List<String> TARGET_KEYS =
            Stream.concat(Stream.of("name", "url", "labels"), PROBE_KEYS.stream()).toList();
    static final List<String> EXPECT_KEYS = List.of("status", "contains", "not_contains");

    static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern TARGET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    static final long MIN_BODY_BYTES = 1024;
    static final long MIN_SEGMENT_BYTES = 64L << 10;
    static final int MAX_REDIRECTS = 20;

    private static final String FALLBACK_AGENT_ID = "agent";
    private static final Map<String, LogSettings.Level> LEVELS = ids(LogSettings.Level.values());
    private static final Map<String, LogSettings.Format> FORMATS = ids(LogSettings.Format.values());

    /**
     * Whether the files a config refers to for secrets ({@code collector.token_file}, {@code collector.ca_file}) are
     * read and checked. {@code run}, {@code check-config} and reloads read them, so a missing or empty token file is
     * reported where it is named; tools that only look at a file's structure skip them.
     */
    public enum Secrets {
        READ,
        SKIP
    }

    private final Path source;
    private final Path baseDir;
    private final ProblemList problems;
    private final Secrets secrets;

    private ConfigLoader(Path source, Secrets secrets) {
        this.source = source;
        this.secrets = secrets;
        Path parent = source.toAbsolutePath().getParent();
        this.baseDir = parent == null ? source.toAbsolutePath() : parent;
        this.problems = new ProblemList(source);
    }

    /**
     * Reads and validates a config file (UTF-8, at most 8MiB).
     *
     * @throws ConfigException when anything in it is wrong, listing every problem
     * @throws IOException     when the file cannot be read
     */
    public static AgentConfig load(Path file) throws ConfigException, IOException {
        return parse(file, YamlSource.readFile(file));
    }

    /**
     * Reads and validates a config file like {@link #load(Path)}, and with {@link Secrets#READ} also reads the token
     * and CA files it names, reporting their problems at the keys that name them.
     */
    public static AgentConfig load(Path file, Secrets secrets) throws ConfigException, IOException {
        return parse(file, YamlSource.readFile(file), secrets);
    }

    /**
     * Validates config text; {@code nameForMessages} is the file name put in front of each problem and the base for
     * relative paths.
     *
     * @throws ConfigException when anything in it is wrong, listing every problem
     */
    public static AgentConfig parse(Path nameForMessages, String yamlText) throws ConfigException {
        return parse(nameForMessages, yamlText, Secrets.SKIP);
    }

    /** Validates config text; with {@link Secrets#READ} also reads the token and CA files it names. */
    public static AgentConfig parse(Path nameForMessages, String yamlText, Secrets secrets) throws ConfigException {
        ConfigLoader loader = new ConfigLoader(nameForMessages, secrets);
        AgentConfig config = loader.read(yamlText);
        if (!loader.problems.isEmpty()) {
            throw loader.problems.toException();
        }
        return config;
    }

    /** The agent id used when the config gives none: the host name if it is a valid id, else "agent". */
    static String defaultAgentId() {
        String host = null;
        try {
            // The kernel's name is instant; InetAddress.getLocalHost() may wait on DNS.
            Path kernelHostName = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernelHostName)) {
                host = Files.readString(kernelHostName).strip();
            }
            if (host == null || host.isEmpty()) {
                host = InetAddress.getLocalHost().getHostName();
            }
        } catch (IOException | RuntimeException e) {
            return FALLBACK_AGENT_ID;
        }
        return host != null && AGENT_ID.matcher(host).matches() ? host : FALLBACK_AGENT_ID;
    }

    private AgentConfig read(String text) {
        Optional<Node> document = YamlSource.read(text, problems);
        if (document.isEmpty()) {
            return null;
        }
        Node root = document.get();
        if (ConfigSection.isNull(root)) {
            problems.add(root, "the file is empty; it needs at least a 'targets' list");
            return null;
        }
        if (!(root instanceof MappingNode)) {
            problems.add(root, "the file must be a mapping of sections such as 'targets:', not "
                    + ConfigSection.describe(root));
            return null;
        }
        ConfigSection top = ConfigSection.of(problems, "", root, root.getStartMark(), TOP_KEYS);
        AgentSettings agent = agent(top.section("agent", AGENT_KEYS));
        JournalSettings journal = journal(top.section("journal", JOURNAL_KEYS));
        CollectorSettings collector = top.has("collector") ? collector(top.section("collector", COLLECTOR_KEYS)) : null;
        LogSettings log = log(top.section("log", LOG_KEYS));
        ConfigSection defaultsSection = top.section("defaults", PROBE_KEYS);
        ProbeSettings defaults = probe(defaultsSection, ProbeSettings.DEFAULTS);
        checkDefaultsTimeout(defaultsSection, defaults);
        List<TargetConfig> targets = targets(top, defaultsSection, defaults);
        List<Signature> signatures = UserSignatures.read(top, problems, source);
        if (!problems.isEmpty()) {
            return null;
        }
        return new AgentConfig(source, agent, journal, collector, log, defaults, targets, signatures);
    }

    private AgentSettings agent(ConfigSection s) {
        String id = s.text("id", "a name such as eu-1", true);
        if (id != null && !AGENT_ID.matcher(id).matches()) {
            s.reject("id", nameProblem(s.pathOf("id"), id, 64));
        }
        if (!s.has("id")) {
            id = defaultAgentId();
        } else if (id == null || s.invalid("id")) {
            id = FALLBACK_AGENT_ID;
        }
        HostPort listen = AgentSettings.DEFAULT_LISTEN;
        String listenText = s.text("listen", "an address such as 127.0.0.1:9920", true);
        if (listenText != null) {
            try {
                listen = HostPort.parse(listenText);
            } catch (IllegalArgumentException e) {
                s.reject("listen", s.pathOf("listen") + " is not a valid address: " + e.getMessage());
            }
        }
        Path dataDir = path(s, "data_dir", AgentSettings.DEFAULT_DATA_DIR);
        int maxConcurrency = s.integer("max_concurrency", AgentSettings.DEFAULT_MAX_CONCURRENCY,
                ConfigSection.atLeast(1));
        List<String> allowedHosts = texts(s, "allowed_hosts", List.of());
        for (int i = 0; i < allowedHosts.size(); i++) {
            String h = allowedHosts.get(i);
            if (!h.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})")) {
                s.reject("allowed_hosts", s.pathOf("allowed_hosts") + "[" + i + "] '" + ConfigSection.abbreviate(h)
                        + "' is not a host name (letters, digits, '.' and '-', no port)");
            }
        }
        return new AgentSettings(id, listen, dataDir, maxConcurrency, allowedHosts);
    }

    private JournalSettings journal(ConfigSection s) {
        JournalSettings d = JournalSettings.DEFAULTS;
        long maxBytes = s.size("max_bytes", d.maxBytes(), ConfigSection.positiveSize());
        // A floor on segments keeps the number of segment files, and the memory the journal spends per segment, sane.
        long segmentBytes = s.size("segment_bytes", d.segmentBytes(), ConfigSection.sizeAtLeast(MIN_SEGMENT_BYTES));
        long keepFreeBytes = s.size("keep_free_bytes", d.keepFreeBytes(), null);
        Duration maxAge = s.duration("max_age", d.maxAge(), ConfigSection.positive());
        Duration fsyncInterval = s.duration("fsync_interval", d.fsyncInterval(), ConfigSection.positive());
        if (!s.invalid("max_bytes") && !s.invalid("segment_bytes") && segmentBytes > maxBytes / 8) {
            String at = s.has("segment_bytes") ? "segment_bytes" : "max_bytes";
            s.reject(at, s.pathOf("segment_bytes") + " (" + Sizes.format(segmentBytes)
                    + ") must be at most an eighth of " + s.pathOf("max_bytes") + " (" + Sizes.format(maxBytes)
                    + "), so that a full journal drops only a small part of itself at a time");
        }
        return new JournalSettings(maxBytes, segmentBytes, keepFreeBytes, maxAge, fsyncInterval);
    }

    private CollectorSettings collector(ConfigSection s) {
        s.require("url");
        s.require("token_file");
        URI url = httpUrl(s, "url");
        Path tokenFile = path(s, "token_file", null);
        Path caFile = path(s, "ca_file", null);
        int batchMaxRecords = s.integer("batch_max_records", CollectorSettings.DEFAULT_BATCH_MAX_RECORDS,
                ConfigSection.between(1, CollectorSettings.MAX_BATCH_RECORDS));
        long batchMaxBytes = s.size("batch_max_bytes", CollectorSettings.DEFAULT_BATCH_MAX_BYTES,
                v -> v >= CollectorSettings.MIN_BATCH_BYTES && v <= CollectorSettings.MAX_BATCH_BYTES ? null
                        : "must be between " + Sizes.format(CollectorSettings.MIN_BATCH_BYTES) + " and "
                        + Sizes.format(CollectorSettings.MAX_BATCH_BYTES) + ", not " + Sizes.format(v));
        Duration batchMaxWait = s.duration("batch_max_wait", CollectorSettings.DEFAULT_BATCH_MAX_WAIT,
                ConfigSection.positive());
        Duration maxBackoff = s.duration("max_backoff", CollectorSettings.DEFAULT_MAX_BACKOFF,
                v -> v.compareTo(Duration.ofSeconds(1)) >= 0 ? null
                        : "must be at least 1s, not " + Durations.format(v) + ", so a failing collector is not hammered");
        Duration timeout = s.duration("timeout", CollectorSettings.DEFAULT_TIMEOUT, ConfigSection.positive());
        if (url != null && caFile != null && !s.invalid("ca_file") && url.getScheme().equalsIgnoreCase("http")) {
            s.reject("ca_file", s.pathOf("ca_file") + " is set but " + s.pathOf("url")
                    + " uses http; a CA is only used for https");
        }
        if (url == null || tokenFile == null) {
            return null;
        }
        BearerToken token = null;
        List<X509Certificate> ca = List.of();
        if (secrets == Secrets.READ && !s.invalid("token_file")) {
            token = token(s, tokenFile);
        }
        if (secrets == Secrets.READ && caFile != null && !s.invalid("ca_file")) {
            ca = certificates(s, caFile);
        }
        return new CollectorSettings(url, tokenFile, caFile, batchMaxRecords, batchMaxBytes, batchMaxWait,
                maxBackoff, timeout, token, ca);
    }

    /** The token in {@code file}, or null after reporting why it cannot be used. Never puts the token in a message. */
    private BearerToken token(ConfigSection s, Path file) {
        String named = s.pathOf("token_file") + " '" + s.text("token_file", "a path", false) + "'";
        byte[] bytes = secretFile(s, "token_file", named, file, MAX_TOKEN_FILE_BYTES);
        if (bytes == null) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.US_ASCII).strip();
        if (text.isEmpty()) {
            s.reject("token_file", named + " is empty; it must hold the token the collector issued for this agent");
            return null;
        }
        try {
            return new BearerToken(text);
        } catch (IllegalArgumentException e) {
            s.reject("token_file", named + " must hold one line of printable ASCII without spaces (the token), but "
                    + "holds other characters or several lines");
            return null;
        }
    }

    private List<X509Certificate> certificates(ConfigSection s, Path file) {
        String named = s.pathOf("ca_file") + " '" + s.text("ca_file", "a path", false) + "'";
        byte[] bytes = secretFile(s, "ca_file", named, file, MAX_CA_FILE_BYTES);
        if (bytes == null) {
            return List.of();
        }
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (var c : factory.generateCertificates(new java.io.ByteArrayInputStream(bytes))) {
                out.add((X509Certificate) c);
            }
        } catch (CertificateException | ClassCastException e) {
            out.clear(); // the JDK's reason depends on its version; the user needs to know the file is wrong
        }
        if (out.isEmpty()) {
            s.reject("ca_file", named + " is not a PEM file of certificates (-----BEGIN CERTIFICATE-----)");
        }
        return out;
    }

    /** The bytes of a small file a config names, or null after reporting why it cannot be read. */
    private static byte[] secretFile(ConfigSection s, String key, String named, Path file, int maxBytes) {
        try {
            if (!Files.exists(file)) {
                s.reject(key, named + " does not exist");
                return null;
            }
            if (Files.isDirectory(file)) {
                s.reject(key, named + " is a directory, not a file");
                return null;
            }
            if (Files.size(file) > maxBytes) {
                s.reject(key, named + " is larger than " + Sizes.format(maxBytes) + "; is it the right file?");
                return null;
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            s.reject(key, named + " cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
            return null;
        }
    }

    private LogSettings log(ConfigSection s) {
        LogSettings d = LogSettings.DEFAULTS;
        LogSettings.Level level = s.choice("level", d.level(), LEVELS, "level");
        LogSettings.Format format = s.choice("format", d.format(), FORMATS, "format");
        long maxFileBytes = s.size("max_file_bytes", d.maxFileBytes(), ConfigSection.positiveSize());
        long maxTotalBytes = s.size("max_total_bytes", d.maxTotalBytes(), ConfigSection.positiveSize());
        if (!s.invalid("max_file_bytes") && !s.invalid("max_total_bytes") && maxFileBytes > maxTotalBytes / 2) {
            String at = s.has("max_total_bytes") ? "max_total_bytes" : "max_file_bytes";
            s.reject(at, s.pathOf("max_total_bytes") + " (" + Sizes.format(maxTotalBytes)
                    + ") must be at least twice " + s.pathOf("max_file_bytes") + " (" + Sizes.format(maxFileBytes)
                    + "), so that a rolled file can be kept beside the active one");
        }
        return new LogSettings(level, format, maxFileBytes, maxTotalBytes);
    }

    /** The probe keys shared by {@code defaults} and targets, each overriding {@code base} when given. */
    private ProbeSettings probe(ConfigSection s, ProbeSettings base) {
        Duration interval = s.duration("interval", base.interval(), ConfigSection.positive());
        Duration timeout = s.duration("timeout", base.timeout(), ConfigSection.positive());
        int failureThreshold = s.integer("failure_threshold", base.failureThreshold(), ConfigSection.atLeast(1));
        int successThreshold = s.integer("success_threshold", base.successThreshold(), ConfigSection.atLeast(1));
        long maxBodyBytes = s.size("max_body_bytes", base.maxBodyBytes(), ConfigSection.sizeAtLeast(MIN_BODY_BYTES));
        int perHostConcurrency =
                s.integer("per_host_concurrency", base.perHostConcurrency(), ConfigSection.atLeast(1));
        Duration perHostMinSpacing = s.duration("per_host_min_spacing", base.perHostMinSpacing(), null);
        int maxRedirects = s.integer("max_redirects", base.maxRedirects(), ConfigSection.between(0, MAX_REDIRECTS));
        Expect expect = expect(s.section("expect", EXPECT_KEYS), base.expect());
        Path tlsCaFile = base.tlsCaFile();
        if (s.has("tls_ca_file")) {
            tlsCaFile = path(s, "tls_ca_file", base.tlsCaFile());
            String problem = tlsCaFile == null ? null : org.watchpost.agent.probe.TrustedCa.problem(tlsCaFile);
            if (problem != null) {
                s.reject("tls_ca_file", s.pathOf("tls_ca_file") + " " + problem);
            }
        }
        return new ProbeSettings(interval, timeout, failureThreshold, successThreshold, maxBodyBytes,
                perHostConcurrency, perHostMinSpacing, maxRedirects, expect, tlsCaFile);
    }

    private Expect expect(ConfigSection s, Expect base) {
        List<Integer> status = base.status();
        List<Node> statusNodes = s.list("status", "a list of HTTP statuses such as [200, 301]");
        if (statusNodes != null) {
            List<Integer> parsed = new ArrayList<>();
            for (int i = 0; i < statusNodes.size(); i++) {
                Integer code = statusCode(s, statusNodes.get(i), s.pathOf("status") + "[" + i + "]");
                if (code != null) {
                    parsed.add(code);
                }
            }
            status = s.invalid("status") ? base.status() : parsed;
        }
        List<String> contains = texts(s, "contains", base.contains());
        List<String> notContains = texts(s, "not_contains", base.notContains());
        return new Expect(status, contains, notContains);
    }

    private static Integer statusCode(ConfigSection s, Node item, String path) {
        if (!(item instanceof ScalarNode scalar) || ConfigSection.isNull(item)) {
            s.rejectItem("status", item, path + " must be an HTTP status such as 200, not "
                    + ConfigSection.describe(item));
            return null;
        }
        Integer code = ConfigSection.parseInteger(scalar.getValue());
        if (code == null || code < 100 || code > 599) {
            s.rejectItem("status", item, path + " must be an HTTP status between 100 and 599, not '"
                    + ConfigSection.abbreviate(scalar.getValue()) + "'");
            return null;
        }
        return code;
    }

    private static List<String> texts(ConfigSection s, String key, List<String> base) {
        List<Node> items = s.list(key, "a list of texts such as [\"Welcome\"]");
        if (items == null) {
            return base;
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String path = s.pathOf(key) + "[" + i + "]";
            if (!(item instanceof ScalarNode scalar) || ConfigSection.isNull(item)) {
                s.rejectItem(key, item, path + " must be a text, not " + ConfigSection.describe(item));
            } else if (scalar.getValue().isEmpty()) {
                s.rejectItem(key, item, path + " is empty, and every page contains the empty text");
            } else {
                texts.add(scalar.getValue());
            }
        }
        return s.invalid(key) ? base : texts;
    }

    /** Timeout against interval where the defaults alone decide them; targets that override either check their own. */
    private void checkDefaultsTimeout(ConfigSection d, ProbeSettings defaults) {
        if (d.invalid("timeout") || d.invalid("interval") || defaults.timeout().compareTo(defaults.interval()) < 0) {
            return;
        }
        problems.add(d.node(d.has("timeout") ? "timeout" : "interval"),
                timeoutProblem(d.path(), defaults, origin(d, null, "timeout"), origin(d, null, "interval")));
    }

    private void checkTargetTimeout(ConfigSection t, ConfigSection d, ProbeSettings effective) {
        if (!t.has("timeout") && !t.has("interval")) {
            return;
        }
        for (String key : List.of("timeout", "interval")) {
            if (t.invalid(key) || (!t.has(key) && d.invalid(key))) {
                return;
            }
        }
        if (effective.timeout().compareTo(effective.interval()) >= 0) {
            problems.add(t.mark(), timeoutProblem(t.path(), effective, origin(t, d, "timeout"),
                    origin(t, d, "interval")));
        }
    }

    private static String timeoutProblem(String path, ProbeSettings p, String timeoutOrigin, String intervalOrigin) {
        return path + ".timeout (" + Durations.format(p.timeout()) + timeoutOrigin + ") must be shorter than "
                + path + ".interval (" + Durations.format(p.interval()) + intervalOrigin
                + "), so that each probe ends before the next one is due";
    }

    /** Where an effective value came from, when not from the section being reported. */
    private static String origin(ConfigSection own, ConfigSection defaults, String key) {
        if (own.has(key)) {
            return "";
        }
        return defaults != null && defaults.has(key) ? ", from defaults" : ", the default";
    }

    private List<TargetConfig> targets(ConfigSection top, ConfigSection defaultsSection, ProbeSettings defaults) {
        top.require("targets");
        Node node = top.node("targets");
        if (node == null) {
            return List.of();
        }
        if (ConfigSection.isNull(node) || node instanceof SequenceNode seq && seq.getValue().isEmpty()) {
            problems.add(ConfigSection.isNull(node) ? top.keyNode("targets") : node,
                    "targets must list at least one target");
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            problems.add(node, "targets must be a list of targets, each with a name and a url, not "
                    + ConfigSection.describe(node));
            return List.of();
        }
        List<TargetConfig> targets = new ArrayList<>();
        Map<String, Integer> firstIndexByName = new HashMap<>();
        Map<String, Node> firstNodeByName = new HashMap<>();
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            if (ConfigSection.isNull(item)) {
                problems.add(item, "targets[" + i + "] is empty; a target needs at least a name and a url");
                continue;
            }
            ConfigSection t = ConfigSection.of(problems, "targets[" + i + "]", item, item.getStartMark(), TARGET_KEYS);
            t.require("name");
            t.require("url");
            String name = t.text("name", "a name such as news-page", false);
            if (name != null && !TARGET_NAME.matcher(name).matches()) {
                t.reject("name", nameProblem(t.pathOf("name"), name, 128));
            } else if (name != null && firstIndexByName.containsKey(name)) {
                t.reject("name", t.pathOf("name") + " '" + name + "' is already used by targets["
                        + firstIndexByName.get(name) + "] on line " + ConfigSection.line(firstNodeByName.get(name))
                        + "; target names must be unique");
            } else if (name != null) {
                firstIndexByName.put(name, i);
                firstNodeByName.put(name, t.node("name"));
            }
            URI url = httpUrl(t, "url");
            ProbeSettings probe = probe(t, defaults);
            checkTargetTimeout(t, defaultsSection, probe);
            Map<String, String> labels = labels(t.section("labels", null));
            if (name != null && url != null) {
                targets.add(new TargetConfig(name, url, probe, labels));
            }
        }
        return targets;
    }

    private Map<String, String> labels(ConfigSection s) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String key : s.keys()) {
            if (key.startsWith("__")) {
                problems.add(s.keyNode(key), s.path() + " key '" + ConfigSection.abbreviate(key)
                        + "' starts with '__', which Prometheus reserves for its own labels");
                continue;
            }
            if (!LABEL_NAME.matcher(key).matches()) {
                problems.add(s.keyNode(key), s.path() + " key '" + ConfigSection.abbreviate(key)
                        + "' is not a valid label name; use letters, digits and '_', and do not start with a digit");
                continue;
            }
            String value = s.text(key, "a text", false);
            if (value != null) {
                labels.put(key, value);
            }
        }
        return labels;
    }

    private URI httpUrl(ConfigSection s, String key) {
        String text = s.text(key, "a URL such as https://example.org/", false);
        if (text == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            String reason = e.getReason();
            reason = reason.isEmpty() ? reason : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
            s.reject(key, s.pathOf(key) + " is not a valid URL: " + reason
                    + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : ""));
            return null;
        }
        String problem = null;
        // An opaque URI such as "collector.example.org:8443" is a host and port without a scheme, not a scheme.
        if (!uri.isAbsolute() || uri.isOpaque()) {
            problem = "must be an absolute http or https URL such as https://example.org/";
        } else if (!uri.getScheme().equalsIgnoreCase("http") && !uri.getScheme().equalsIgnoreCase("https")) {
            problem = "must use http or https, not '" + ConfigSection.abbreviate(uri.getScheme()) + "'";
        } else if (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            // Never echo the URL here: the message would print the very password it warns about.
            problem = "must not contain a user name or password: the URL is written to logs, the journal and the API,"
                    + " so the credentials would end up there";
        } else if (uri.getHost() == null) {
            problem = "has no valid host name";
        } else if (uri.getPort() > 65535) {
            problem = "has port " + uri.getPort() + ", beyond the largest TCP port 65535";
        }
        if (problem != null) {
            s.reject(key, s.pathOf(key) + " " + problem);
            return null;
        }
        return uri;
    }

    private Path path(ConfigSection s, String key, Path fallback) {
        String text = s.text(key, "a path such as /var/lib/watchpost", true);
        if (text == null) {
            return fallback;
        }
        if (text.isBlank()) {
            s.reject(key, s.pathOf(key) + " must not be empty");
            return fallback;
        }
        try {
            return baseDir.resolve(Path.of(text)).normalize();
        } catch (InvalidPathException e) {
            s.reject(key, s.pathOf(key) + " is not a valid path: " + e.getReason());
            return fallback;
        }
    }

    private static String nameProblem(String path, String name, int maxLength) {
        if (name.length() > maxLength) {
            return path + " is " + name.length() + " characters long; the limit is " + maxLength;
        }
        return path + " '" + ConfigSection.abbreviate(name) + "' must start with a letter or digit and contain only"
                + " letters, digits, '.', '_' and '-'";
    }

    private static <E extends Enum<E>> Map<String, E> ids(E[] values) {
        Map<String, E> ids = new LinkedHashMap<>();
        for (E value : values) {
            ids.put(value.name().toLowerCase(Locale.ROOT), value);
        }
        return Collections.unmodifiableMap(ids);
    }

    /** Decodes strictly, so a stray Latin-1 byte is reported where it is instead of becoming a silent '?'. */
}
