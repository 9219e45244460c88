package org.watchpost.collector.status;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.watchpost.collector.alert.AlertingSettings;
import org.watchpost.collector.alert.Webhook;
import org.watchpost.collector.fleet.FleetSettings;
import org.watchpost.collector.fleet.MaintenanceCalendar;
import org.watchpost.collector.fleet.MaintenanceWindow;
import org.watchpost.collector.fleet.Quorum;
import org.watchpost.collector.fleet.QuorumOverride;
import org.watchpost.config.ConfigSection;
import org.watchpost.config.ProblemList;

/**
 * Reads the collector config's {@code consensus}, {@code alerting}, {@code maintenance} and {@code status_page}
 * sections (docs/configuration.md, "Collector configuration"). Like every Watchpost config reader it reports each
 * problem at its position and carries on, so one pass lists them all.
 *
 * <pre>{@code
 * FleetConfig fleet = FleetConfigReader.read(top, problems, configFile.getParent());
 * if (!problems.isEmpty()) throw problems.toException();
 * }</pre>
 */
public final class FleetConfigReader {
    /** The top-level keys this reader owns. */
    public static final List<String> TOP_KEYS = List.of("consensus", "alerting", "maintenance", "status_page");
    static final List<String> CONSENSUS_KEYS = List.of("stale_after", "agent_stale_after", "quorum", "overrides",
            "success_threshold", "recovery_hold", "max_targets", "evaluate_every");
    static final List<String> OVERRIDE_KEYS = List.of("target", "site", "quorum");
    static final List<String> ALERTING_KEYS = List.of("alertmanager", "webhooks", "timeout", "outbox_capacity",
            "max_backoff");
    static final List<String> ALERTMANAGER_KEYS = List.of("urls", "resend_interval", "resolve_resends");
    static final List<String> WEBHOOK_KEYS = List.of("url", "secret_file");
    static final List<String> WINDOW_KEYS = List.of("name", "targets", "sites", "all", "time_zone", "from", "until",
            "days", "at", "duration");
    static final List<String> STATUS_KEYS = List.of("public_url", "auth");
    static final List<String> AUTH_KEYS = List.of("token_file", "username", "password_file");
    /** Secrets are a line, not a file's worth; a bigger file is the wrong file. */
    static final int MAX_SECRET_BYTES = 4096;
    static final int MAX_WINDOWS = 1000;
    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat",
            DayOfWeek.SATURDAY, "sun", DayOfWeek.SUNDAY);

    private final ProblemList problems;
    private final Path baseDir;

    private FleetConfigReader(ProblemList problems, Path baseDir) {
        this.problems = problems;
        this.baseDir = baseDir;
    }

    /**
     * @param top      the config's top-level section (its other keys are the collector's)
     * @param baseDir  the config file's directory, against which relative file paths are resolved
     */
    public static FleetConfig read(ConfigSection top, ProblemList problems, Path baseDir) {
        FleetConfigReader r = new FleetConfigReader(problems, baseDir);
        FleetSettings consensus = r.consensus(top.section("consensus", CONSENSUS_KEYS));
        AlertingSettings alerting = r.alerting(top.section("alerting", ALERTING_KEYS));
        MaintenanceCalendar maintenance = r.maintenance(top);
        StatusPageSettings status = r.statusPage(top.section("status_page", STATUS_KEYS));
        return new FleetConfig(consensus, alerting, maintenance, status);
    }

    private FleetSettings consensus(ConfigSection s) {
        FleetSettings d = FleetSettings.defaults();
        Duration staleAfter = s.duration("stale_after", d.staleAfter(), ConfigSection.positive());
        Duration agentStale = s.duration("agent_stale_after", staleAfter, ConfigSection.positive());
        Quorum quorum = quorum(s, "quorum", d.quorum());
        List<QuorumOverride> overrides = new ArrayList<>();
        List<Node> items = s.list("overrides", "a list of overrides such as [{site: unicri, quorum: 1}]");
        if (items != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                Node item = items.get(i);
                ConfigSection o = ConfigSection.of(problems, s.pathOf("overrides") + "[" + i + "]", item,
                        item.getStartMark(), OVERRIDE_KEYS);
                String target = o.text("target", "a target name", false);
                String site = o.text("site", "a site label", false);
                o.require("quorum");
                Quorum q = quorum(o, "quorum", null);
                if (target != null && site != null) {
                    o.reject("site", o.path() + " names both a target and a site; give one of them per override");
                    continue;
                }
                if (target == null && site == null && !o.invalid("target") && !o.invalid("site")) {
                    problems.add(item, o.path() + " must name a target or a site");
                    continue;
                }
                if (q == null || (target == null && site == null)) {
                    continue;
                }
                String key = target != null ? "target " + target : "site " + site;
                if (!seen.add(key)) {
                    problems.add(item, o.path() + " repeats the override for " + key);
                    continue;
                }
                overrides.add(new QuorumOverride(target, site, q));
            }
        }
        int success = s.integer("success_threshold", d.successThreshold(), ConfigSection.between(1, 100));
        Duration hold = s.duration("recovery_hold", d.recoveryHold(), null);
        int maxTargets = s.integer("max_targets", d.maxTargets(), ConfigSection.between(1, 1_000_000));
        Duration every = s.duration("evaluate_every", d.evaluateEvery(), ConfigSection.positive());
        return new FleetSettings(staleAfter, agentStale, quorum, overrides, success, hold, maxTargets, every);
    }

    private Quorum quorum(ConfigSection s, String key, Quorum fallback) {
        String text = s.text(key, "majority, all or a number of agents", fallback != null);
        if (text == null) {
            return fallback;
        }
        switch (text) {
            case "majority":
                return Quorum.MAJORITY;
            case "all":
                return Quorum.ALL;
            default:
                Integer n = ConfigSection.parseInteger(text);
                if (n == null || n < 1 || n > 1000) {
                    s.reject(key, s.pathOf(key) + " must be majority, all or a number of agents from 1 to 1000, not '"
                            + ConfigSection.abbreviate(text) + "'");
                    return fallback;
                }
                return Quorum.atLeast(n);
        }
    }

    private AlertingSettings alerting(ConfigSection s) {
        AlertingSettings d = AlertingSettings.none();
        ConfigSection am = s.section("alertmanager", ALERTMANAGER_KEYS);
        List<URI> urls = new ArrayList<>();
        List<Node> items = am.list("urls", "a list of Alertmanager URLs such as [\"http://127.0.0.1:9093\"]");
        if (items != null) {
            Set<URI> seen = new LinkedHashSet<>();
            for (int i = 0; i < items.size(); i++) {
                String path = am.pathOf("urls") + "[" + i + "]";
                URI uri = url(items.get(i), path, "an Alertmanager URL such as http://127.0.0.1:9093");
                if (uri == null) {
                    continue;
                } else if (!seen.add(uri)) {
                    problems.add(items.get(i), path + " repeats " + uri + "; each Alertmanager is listed once");
                } else {
                    urls.add(uri);
                }
            }
        }
        Duration resend = am.duration("resend_interval", d.resendInterval(), ConfigSection.positive());
        int resolveResends = am.integer("resolve_resends", d.resolveResends(), ConfigSection.between(1, 100));
        List<Webhook> webhooks = new ArrayList<>();
        List<Node> hooks = s.list("webhooks", "a list of webhooks such as [{url: \"https://hooks.example.org/x\"}]");
        if (hooks != null) {
            for (int i = 0; i < hooks.size(); i++) {
                Node item = hooks.get(i);
                ConfigSection w = ConfigSection.of(problems, s.pathOf("webhooks") + "[" + i + "]", item,
                        item.getStartMark(), WEBHOOK_KEYS);
                w.require("url");
                URI url = w.has("url") ? url(w.node("url"), w.pathOf("url"),
                        "a URL such as https://hooks.example.org/watchpost") : null;
                Path secretFile = null;
                byte[] secret = null;
                String file = w.text("secret_file", "a file path", false);
                if (file != null) {
                    secretFile = baseDir.resolve(file);
                    secret = secret(w, "secret_file", secretFile);
                    if (secret == null) {
                        secretFile = null;
                    }
                }
                if (url != null && (file == null || secret != null)) {
                    webhooks.add(new Webhook(url, secretFile, secret));
                }
            }
        }
        Duration timeout = s.duration("timeout", d.timeout(), ConfigSection.positive());
        int capacity = s.integer("outbox_capacity", d.outboxCapacity(), ConfigSection.between(10, 10_000_000));
        Duration maxBackoff = s.duration("max_backoff", d.maxBackoff(),
                v -> v.compareTo(Duration.ofSeconds(1)) < 0 ? "must be at least 1s, not " + v.toSeconds() + "s"
                        : null);
        return new AlertingSettings(urls, resend, resolveResends, timeout, webhooks, capacity, maxBackoff);
    }

    private MaintenanceCalendar maintenance(ConfigSection top) {
        List<Node> items = top.list("maintenance", "a list of maintenance windows such as [{name: patch, all: true,"
                + " days: [sun], at: \"02:00\", duration: 2h}]");
        if (items == null) {
            return MaintenanceCalendar.NONE;
        }
        if (items.size() > MAX_WINDOWS) {
            top.reject("maintenance", "maintenance holds " + items.size() + " windows; at most " + MAX_WINDOWS
                    + " are allowed");
            return MaintenanceCalendar.NONE;
        }
        List<MaintenanceWindow> windows = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            ConfigSection w = ConfigSection.of(problems, "maintenance[" + i + "]", item, item.getStartMark(),
                    WINDOW_KEYS);
            String where = w.path();
            w.require("name");
            String name = w.text("name", "a name", false);
            if (name != null && !names.add(name)) {
                w.reject("name", where + ".name '" + ConfigSection.abbreviate(name) + "' is already used by another"
                        + " window");
                name = null;
            }
            Set<String> targets = names(w, "targets");
            Set<String> sites = names(w, "sites");
            boolean all = bool(w, "all");
            if (!all && targets.isEmpty() && sites.isEmpty() && !w.invalid("targets") && !w.invalid("sites")
                    && !w.invalid("all")) {
                problems.add(item, where + " covers nothing; give targets, sites or all: true");
                continue;
            }
            ZoneId zone = ZoneOffset.UTC;
            String zoneText = w.text("time_zone", "a time zone such as Europe/Paris or UTC", true);
            if (zoneText != null) {
                try {
                    zone = ZoneId.of(zoneText);
                } catch (DateTimeException e) {
                    w.reject("time_zone", where + ".time_zone '" + ConfigSection.abbreviate(zoneText)
                            + "' is not a time zone; use a name such as Europe/Paris, America/New_York or UTC");
                }
            }
            boolean oneOff = w.has("from") || w.has("until");
            boolean recurring = w.has("at") || w.has("duration") || w.has("days");
            if (oneOff && recurring) {
                problems.add(item, where + " mixes a one-off window (from, until) with a recurring one (days, at,"
                        + " duration); use one of the two");
                continue;
            }
            if (!oneOff && !recurring) {
                problems.add(item, where + " needs either from and until (one-off) or at and duration (recurring)");
                continue;
            }
            if (oneOff) {
                w.require("from");
                w.require("until");
                LocalDateTime from = dateTime(w, "from");
                LocalDateTime until = dateTime(w, "until");
                if (from != null && until != null && !until.isAfter(from)) {
                    w.reject("until", where + ".until must be after from");
                    continue;
                }
                if (name != null && from != null && until != null && !w.invalid("time_zone")) {
                    windows.add(MaintenanceWindow.oneOff(name, targets, sites, all, zone, from, until));
                }
            } else {
                w.require("at");
                w.require("duration");
                LocalTime at = null;
                String atText = w.text("at", "a time of day such as \"02:00\"", false);
                if (atText != null) {
                    try {
                        at = LocalTime.parse(atText);
                    } catch (DateTimeParseException e) {
                        w.reject("at", where + ".at '" + ConfigSection.abbreviate(atText) + "' is not a time of day;"
                                + " write it as HH:MM, such as \"02:00\"");
                    }
                }
                Duration duration = w.duration("duration", null, v -> v.isZero() ? "must be longer than 0s"
                        : v.compareTo(MaintenanceWindow.MAX_RECURRING) > 0 ? "must be at most 7d for a recurring"
                        + " window" : null);
                Set<DayOfWeek> days = days(w);
                if (name != null && at != null && duration != null && days != null && !w.invalid("time_zone")) {
                    windows.add(MaintenanceWindow.recurring(name, targets, sites, all, zone, days, at, duration));
                }
            }
        }
        return new MaintenanceCalendar(windows);
    }

    private StatusPageSettings statusPage(ConfigSection s) {
        String publicUrl = null;
        if (s.has("public_url")) {
            URI uri = url(s.node("public_url"), s.pathOf("public_url"),
                    "a URL such as https://status.example.org/");
            publicUrl = uri == null ? null : uri.toString();
        }
        ConfigSection auth = s.section("auth", AUTH_KEYS);
        String token = null;
        String tokenFile = auth.text("token_file", "a file path", false);
        if (tokenFile != null) {
            byte[] bytes = secret(auth, "token_file", baseDir.resolve(tokenFile));
            token = bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        }
        String user = auth.text("username", "a user name", false);
        String password = null;
        String passwordFile = auth.text("password_file", "a file path", false);
        if (passwordFile != null) {
            byte[] bytes = secret(auth, "password_file", baseDir.resolve(passwordFile));
            password = bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        }
        if (user != null && passwordFile == null && !auth.invalid("password_file")) {
            auth.reject("username", auth.pathOf("username") + " needs password_file beside it for basic auth");
            user = null;
        }
        if (passwordFile != null && user == null && !auth.invalid("username")) {
            auth.reject("password_file", auth.pathOf("password_file") + " needs username beside it for basic auth");
            password = null;
        }
        if (user == null || password == null) {
            user = null;
            password = null;
        }
        return new StatusPageSettings(publicUrl, token, user, password);
    }

    private URI url(Node node, String path, String expected) {
        if (!(node instanceof ScalarNode scalar) || ConfigSection.isNull(node)) {
            problems.add(node, path + " must be " + expected + ", not " + ConfigSection.describe(node));
            return null;
        }
        String text = scalar.getValue();
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                problems.add(node, path + " '" + ConfigSection.abbreviate(text) + "' must be an http:// or https:// URL"
                        + " with a host, such as " + expected.replaceFirst("^an? [A-Za-z ]*URL such as ", ""));
                return null;
            }
            if (uri.getUserInfo() != null) {
                problems.add(node, path + " must not carry credentials in the URL; they would show in logs");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(node, path + " '" + ConfigSection.abbreviate(text) + "' must be an http:// or https:// URL"
                    + " with a host, such as " + expected.replaceFirst("^an? [A-Za-z ]*URL such as ", ""));
            return null;
        }
    }

    private byte[] secret(ConfigSection s, String key, Path file) {
        String path = s.pathOf(key);
        try {
            if (Files.size(file) > MAX_SECRET_BYTES) {
                s.reject(key, path + " " + file + " is larger than " + MAX_SECRET_BYTES + " bytes; it should hold one"
                        + " line");
                return null;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                s.reject(key, path + " " + file + " is empty");
                return null;
            }
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            s.reject(key, path + " " + file + " does not exist");
        } catch (IOException e) {
            s.reject(key, path + " " + file + " cannot be read: " + e.getMessage());
        }
        return null;
    }

    private Set<String> names(ConfigSection s, String key) {
        List<Node> items = s.list(key, "a list of names such as [news, events]");
        Set<String> out = new LinkedHashSet<>();
        if (items == null) {
            return out;
        }
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            if (!(item instanceof ScalarNode scalar) || ConfigSection.isNull(item) || scalar.getValue().isEmpty()) {
                s.rejectItem(key, item, s.pathOf(key) + "[" + i + "] must be a name, not "
                        + ConfigSection.describe(item));
            } else {
                out.add(scalar.getValue());
            }
        }
        return out;
    }

    private boolean bool(ConfigSection s, String key) {
        String text = s.text(key, "true or false", true);
        if (text == null) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        if (!text.equals("false")) {
            s.reject(key, s.pathOf(key) + " must be true or false, not '" + ConfigSection.abbreviate(text) + "'");
        }
        return false;
    }

    private LocalDateTime dateTime(ConfigSection s, String key) {
        String text = s.text(key, "a local date and time such as \"2026-12-06 02:00\"", false);
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.trim().replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            s.reject(key, s.pathOf(key) + " '" + ConfigSection.abbreviate(text) + "' is not a local date and time;"
                    + " write it as \"2026-12-06 02:00\" (read in time_zone)");
            return null;
        }
    }

    private Set<DayOfWeek> days(ConfigSection s) {
        List<Node> items = s.list("days", "a list of days such as [sat, sun]");
        if (items == null) {
            return s.invalid("days") ? null : EnumSet.allOf(DayOfWeek.class);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String text = item instanceof ScalarNode scalar && !ConfigSection.isNull(item)
                    ? scalar.getValue().toLowerCase(Locale.ROOT) : null;
            DayOfWeek day = text == null ? null : DAYS.get(text.length() > 3 ? text.substring(0, 3) : text);
            if (day == null || (text.length() > 3 && !day.name().toLowerCase(Locale.ROOT).equals(text))) {
                s.rejectItem("days", item, s.pathOf("days") + "[" + i + "] must be a day: mon, tue, wed, thu, fri,"
                        + " sat or sun, not " + ConfigSection.describe(item));
            } else {
                days.add(day);
            }
        }
        if (s.invalid("days")) {
            return null;
        }
        if (days.isEmpty()) {
            s.reject("days", s.pathOf("days") + " is empty; remove it for every day");
            return null;
        }
        return days;
    }
}
