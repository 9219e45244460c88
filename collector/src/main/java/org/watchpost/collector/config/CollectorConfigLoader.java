package org.watchpost.collector.config;

import org.watchpost.collector.status.FleetConfig;
import org.watchpost.collector.status.FleetConfigReader;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.watchpost.collector.ingest.AgentCredential;
import org.watchpost.collector.ingest.LimitSettings;
import org.watchpost.collector.store.RetentionSettings;
import org.watchpost.config.ConfigException;
import org.watchpost.config.ConfigSection;
import org.watchpost.config.HostPort;
import org.watchpost.config.ProblemList;
import org.watchpost.config.YamlSource;

/**
 * Reads the collector's YAML config into a {@link CollectorConfig}, or fails with every problem in the file, each as
 * {@code FILE:LINE:COL: message}. Unknown keys are errors. Relative paths are resolved against the file's directory.
 *
 * <pre>{@code
 * CollectorConfig config = CollectorConfigLoader.load(Path.of("/etc/watchpost/collector.yml"));
 * }</pre>
 *
 * <p>The sections of the fleet (consensus, incidents, alerts, status page) are read by the fleet's own reader; until
 * that is part of this build they are refused with a sentence saying so, rather than silently ignored.
 */
public final class CollectorConfigLoader {
    /** Sections of issue 8 (fleet): accepted keys whose readers arrive with it. */
    static final List<String> TOP_KEYS = List.of("collector", "agents", "retention", "limits", "consensus",
            "alerting", "maintenance", "status_page");
    static final List<String> COLLECTOR_KEYS = List.of("listen", "data_dir", "database_url", "database_password_file");
    static final List<String> AGENT_KEYS = List.of("id", "token_sha256");
    static final List<String> RETENTION_KEYS =
            List.of("max_db_bytes", "keep_free_bytes", "max_age", "max_results_per_target");
    static final List<String> LIMIT_KEYS = List.of("max_body_bytes", "max_decompressed_bytes", "request_timeout",
            "max_json_depth", "max_string_chars");

    /** The same ids the agent accepts for {@code agent.id}. */
    static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    static final long MIN_DB_BYTES = 1L << 20;
    static final long MIN_BODY_BYTES = 1L << 10;
    /** A report is six levels deep; less than this cannot carry one. */
    static final int MIN_JSON_DEPTH = 8;
    static final int MIN_STRING_CHARS = 1024;

    private final Path source;
    private final Path baseDir;
    private final ProblemList problems;

    private CollectorConfigLoader(Path source) {
        this.source = source;
        Path parent = source.toAbsolutePath().getParent();
        this.baseDir = parent == null ? source.toAbsolutePath() : parent;
        this.problems = new ProblemList(source);
    }

    /**
     * Reads and validates a config file (UTF-8, at most 8MiB).
     *
     * @throws ConfigException listing every problem
     * @throws IOException     when the file cannot be read
     */
    public static CollectorConfig load(Path file) throws ConfigException, IOException {
        return parse(file, YamlSource.readFile(file));
    }

    /** Validates config text; {@code nameForMessages} goes in front of each problem and anchors relative paths. */
    public static CollectorConfig parse(Path nameForMessages, String yamlText) throws ConfigException {
        CollectorConfigLoader loader = new CollectorConfigLoader(nameForMessages);
        CollectorConfig config = loader.read(yamlText);
        if (!loader.problems.isEmpty()) {
            throw loader.problems.toException();
        }
        return config;
    }

    private CollectorConfig read(String text) {
        if (text.isBlank()) {
            problems.add(1, 1, "the file is empty; it needs at least an 'agents' list");
            return null;
        }
        Optional<Node> document = YamlSource.read(text, problems);
        if (document.isEmpty()) {
            return null;
        }
        Node root = document.get();
        if (ConfigSection.isNull(root)) {
            problems.add(root, "the file is empty; it needs at least an 'agents' list");
            return null;
        }
        if (!(root instanceof MappingNode)) {
            problems.add(root, "the file must be a mapping of sections such as 'agents:', not "
                    + ConfigSection.describe(root));
            return null;
        }
        ConfigSection top = ConfigSection.of(problems, "", root, root.getStartMark(), TOP_KEYS);
        ConfigSection collector = top.section("collector", COLLECTOR_KEYS);
        HostPort listen = listen(collector);
        Path dataDir = path(collector, "data_dir", CollectorConfig.DEFAULT_DATA_DIR);
        CollectorConfig.ExternalDatabase database = database(collector);
        List<AgentCredential> agents = agents(top);
        RetentionSettings retention = retention(top.section("retention", RETENTION_KEYS));
        LimitSettings limits = limits(top.section("limits", LIMIT_KEYS));
        FleetConfig fleet = FleetConfigReader.read(top, problems, baseDir);
        if (!problems.isEmpty()) {
            return null;
        }
        return new CollectorConfig(source, listen, dataDir, database, agents, retention, limits, fleet);
    }

    private HostPort listen(ConfigSection s) {
        String text = s.text("listen", "an address such as 127.0.0.1:9930", true);
        if (text == null) {
            return CollectorConfig.DEFAULT_LISTEN;
        }
        try {
            return HostPort.parse(text);
        } catch (IllegalArgumentException e) {
            s.reject("listen", s.pathOf("listen") + " is not a valid address: " + e.getMessage());
            return CollectorConfig.DEFAULT_LISTEN;
        }
    }

    private CollectorConfig.ExternalDatabase database(ConfigSection s) {
        String url = s.text("database_url", "a JDBC URL such as jdbc:postgresql://db.example.org/watchpost", true);
        Path passwordFile = path(s, "database_password_file", null);
        if (url != null && !url.startsWith("jdbc:postgresql://")) {
            s.reject("database_url", s.pathOf("database_url") + " must start with jdbc:postgresql:// (leave it out"
                    + " to use SQLite under data_dir), not '" + ConfigSection.abbreviate(url) + "'");
            return null;
        }
        if (passwordFile != null && url == null && !s.invalid("database_url")) {
            s.reject("database_password_file", s.pathOf("database_password_file")
                    + " is set but collector.database_url is not; the password is for a PostgreSQL database");
            return null;
        }
        if (url != null && passwordFile != null && url.matches(".*[?&]password=.*")) {
            s.reject("database_password_file", s.pathOf("database_password_file") + " is set and"
                    + " collector.database_url has a password too; keep one of them");
            return null;
        }
        return url == null ? null : new CollectorConfig.ExternalDatabase(url, passwordFile);
    }

    private List<AgentCredential> agents(ConfigSection top) {
        top.require("agents");
        List<Node> items = top.list("agents", "a list of agents, each with an id and a token_sha256");
        List<AgentCredential> out = new ArrayList<>();
        if (items == null) {
            return out;
        }
        Map<String, Integer> ids = new HashMap<>();
        Map<String, String> hashOwners = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "agents[" + i + "]";
            ConfigSection a = ConfigSection.of(problems, path, items.get(i), items.get(i).getStartMark(), AGENT_KEYS);
            a.require("id");
            a.require("token_sha256");
            String id = a.text("id", "a name such as eu-1", false);
            if (id != null && !AGENT_ID.matcher(id).matches()) {
                a.reject("id", nameProblem(a.pathOf("id"), id));
                id = null;
            }
            if (id != null) {
                Integer first = ids.putIfAbsent(id, i);
                if (first != null) {
                    a.reject("id", a.pathOf("id") + " '" + id + "' is already the id of agents[" + first
                            + "]; each agent needs its own id");
                    id = null;
                }
            }
            List<String> hashes = hashes(a);
            for (int h = 0; h < hashes.size() && id != null; h++) {
                String owner = hashOwners.putIfAbsent(hashes.get(h), id);
                if (owner != null && !owner.equals(id)) {
                    a.reject("token_sha256", a.pathOf("token_sha256") + " is also a token hash of agent '" + owner
                            + "'; each agent needs its own token (make one with: watchpost-collector token)");
                    hashes = List.of();
                }
            }
            if (id != null && !hashes.isEmpty() && !a.invalid("token_sha256")) {
                out.add(new AgentCredential(id, hashes));
            }
        }
        return out;
    }

    /** One hash, or a list of at most two during a rotation. */
    private List<String> hashes(ConfigSection a) {
        Node node = a.node("token_sha256");
        if (node == null) {
            return List.of();
        }
        List<Node> values = new ArrayList<>();
        if (node instanceof SequenceNode seq) {
            values.addAll(seq.getValue());
            if (values.isEmpty() || values.size() > AgentCredential.MAX_TOKENS) {
                a.reject("token_sha256", a.pathOf("token_sha256") + " lists " + values.size() + " hashes; give one,"
                        + " or two while a token is being rotated");
                return List.of();
            }
        } else if (node instanceof ScalarNode && !ConfigSection.isNull(node)) {
            values.add(node);
        } else {
            a.reject("token_sha256", a.pathOf("token_sha256") + " must be the SHA-256 of the agent's token (64 hex"
                    + " digits, from: watchpost-collector token), not " + ConfigSection.describe(node));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Node v = values.get(i);
            String where = a.pathOf("token_sha256") + (node instanceof SequenceNode ? "[" + i + "]" : "");
            String text = v instanceof ScalarNode sc && !ConfigSection.isNull(v) ? sc.getValue() : null;
            String hex = text == null ? null : text.strip().toLowerCase(Locale.ROOT);
            if (hex == null || !SHA256.matcher(hex).matches()) {
                a.rejectItem("token_sha256", v, where + " must be the SHA-256 of the agent's token (64 hex digits,"
                        + " from: watchpost-collector token), not " + ConfigSection.describe(v));
                return List.of();
            }
            if (out.contains(hex)) {
                a.rejectItem("token_sha256", v, where + " repeats the hash before it; during a rotation list the old"
                        + " and the new token's hash");
                return List.of();
            }
            out.add(hex);
        }
        return out;
    }

    private RetentionSettings retention(ConfigSection s) {
        RetentionSettings d = RetentionSettings.DEFAULTS;
        long maxDbBytes = s.size("max_db_bytes", d.maxDbBytes(), ConfigSection.sizeAtLeast(MIN_DB_BYTES));
        long keepFree = s.size("keep_free_bytes", d.keepFreeBytes(), null);
        Duration maxAge = s.duration("max_age", d.maxAge(), ConfigSection.positive());
        int perTarget = s.integer("max_results_per_target", d.maxResultsPerTarget(), ConfigSection.atLeast(1));
        return new RetentionSettings(maxDbBytes, keepFree, maxAge, perTarget, d.interval());
    }

    private LimitSettings limits(ConfigSection s) {
        LimitSettings d = LimitSettings.DEFAULTS;
        long body = s.size("max_body_bytes", d.maxBodyBytes(), ConfigSection.sizeAtLeast(MIN_BODY_BYTES));
        long inflated = s.size("max_decompressed_bytes", d.maxDecompressedBytes(),
                ConfigSection.sizeAtLeast(MIN_BODY_BYTES));
        Duration timeout = s.duration("request_timeout", d.requestTimeout(), ConfigSection.positive());
        int depth = s.integer("max_json_depth", d.maxJsonDepth(), ConfigSection.between(MIN_JSON_DEPTH, 1000));
        int chars = s.integer("max_string_chars", d.maxStringChars(), ConfigSection.atLeast(MIN_STRING_CHARS));
        if (!s.invalid("max_body_bytes") && !s.invalid("max_decompressed_bytes") && inflated < body) {
            String at = s.has("max_decompressed_bytes") ? "max_decompressed_bytes" : "max_body_bytes";
            s.reject(at, s.pathOf("max_decompressed_bytes") + " (" + org.watchpost.config.Sizes.format(inflated)
                    + ") must be at least " + s.pathOf("max_body_bytes") + " (" + org.watchpost.config.Sizes.format(body)
                    + "): an uncompressed body counts against both");
        }
        return new LimitSettings(body, inflated, timeout, depth, chars);
    }

    private Path path(ConfigSection s, String key, Path fallback) {
        String text = s.text(key, "a path such as /var/lib/watchpost-collector", true);
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

    private static String nameProblem(String path, String name) {
        if (name.length() > 64) {
            return path + " is " + name.length() + " characters long; the limit is 64";
        }
        return path + " '" + ConfigSection.abbreviate(name) + "' must start with a letter or digit and contain only"
                + " letters, digits, '.', '_' and '-'";
    }
}
