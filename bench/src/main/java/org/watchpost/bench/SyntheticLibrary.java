package org.watchpost.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.watchpost.agent.detect.SignatureException;
import org.watchpost.agent.detect.SignatureLibrary;

/**
 * The built-in library grown N times with signatures written the way real ones are: each family starts from a
 * built-in signature (Drupal's crash sentence, MySQL's coded errors, nginx's error page, PHP's fatal errors, memory
 * exhaustion, WordPress's connection error) and recombines its words with the products, versions, error codes,
 * SQLSTATEs, status lines and exception names that other stacks print. The result is distinct, natural-looking
 * phrases that share prefixes the way a large real library does ({@code 1040 Too many}, {@code 1045 Access denied},
 * {@code <title>503 Service}), which is what makes an automaton big: not random bytes, not suffixed copies.
 *
 * <p>Scale 1 is exactly the built-in library; scale N adds {@code 6 × (N − 1)} synthetic signatures, in YAML that
 * goes through {@link SignatureLibrary#load} like a user's file would.
 */
public final class SyntheticLibrary {
    private static final Pattern SLOT = Pattern.compile("\\{([a-z]+)}");
    /** Signatures per YAML source: keeps each document well under the YAML loader's size limit. */
    private static final int PER_FILE = 400;
    private static final int MAX_ATTEMPTS = 200;

    /** One family: templates with {slot}s, the slot values, and what its signatures declare. */
    private record Family(String name, String failureClass, String where, int weight, List<String> templates,
                          Map<String, List<String>> slots) {
    }

    private static final List<String> PRODUCTS = List.of("Drupal", "WordPress", "Joomla!", "TYPO3", "Magento",
            "Plone", "Liferay", "SharePoint", "Moodle", "Umbraco", "Sitecore", "Craft CMS", "Concrete CMS", "Ghost",
            "MediaWiki", "Nextcloud", "OJS", "DSpace", "CKAN", "Matomo");

    private static final List<Family> FAMILIES = List.of(
            new Family("crash", "app_error", "[text]", 20, List.of(
                    "{subject} {verb} {problem}. {advice}",
                    "{product} {verb} {problem}. {advice}",
                    "Sorry, {lower} {verb} {problem}."),
                    slots(
                            "subject", List.of("The website", "The site", "This application", "The portal",
                                    "The server", "Our service", "The web application", "The page you requested"),
                            "lower", List.of("the website", "the site", "this application", "the portal",
                                    "the server", "our service", "the web application", "the page you requested"),
                            "product", PRODUCTS,
                            "verb", List.of("encountered", "has encountered", "ran into", "experienced",
                                    "could not recover from"),
                            "problem", List.of("an unexpected error", "an internal error", "a temporary problem",
                                    "an unrecoverable condition", "an unhandled exception",
                                    "a configuration problem", "a server-side fault"),
                            "advice", List.of("Please try again later.", "Please try again in a few minutes.",
                                    "Please contact the site administrator.", "We are working to fix it.",
                                    "Please reload the page.", "The administrator has been notified.",
                                    "Please return to the home page."))),
            new Family("dbcode", "db_integrity", "[text]", 34, List.of(
                    "{mycode} {mymsg}", "{mycode} ({state}): {mymsg}", "ERROR {mycode} ({state}): {mymsg}",
                    "SQLSTATE[{state}]: General error: {mycode} {mymsg}", "SQLSTATE[{state}] [{mycode}] {mymsg}",
                    "mysqli_connect(): ({state}/{mycode}): {mymsg}", "{engine} error {mycode}: {mymsg}",
                    "SQLSTATE[{pgstate}]: {pgmsg}", "FATAL:  {pgmsg}", "ERROR:  {pgmsg}", "{pgstate} {pgmsg}",
                    "{ora}: {oramsg}", "Msg {msmsg}", "{table} {tablemsg}"),
                    slots(
                            "mycode", List.of("1021", "1030", "1037", "1040", "1044", "1045", "1049", "1053", "1114",
                                    "1142", "1146", "1194", "1205", "1213", "1226", "1290", "1317", "2002", "2003",
                                    "2005", "2006", "2013"),
                            "state", List.of("HY000", "HY001", "08004", "42000", "28000", "08S01", "42S02", "40001",
                                    "70100", "23000"),
                            "engine", List.of("MySQL", "MariaDB", "Percona Server", "Galera"),
                            "mymsg", List.of("Disk full", "Got error 28 from storage engine",
                                    "Out of memory; restart server", "Too many connections",
                                    "Access denied for user", "Unknown database",
                                    "Server shutdown in progress", "Table doesn't exist",
                                    "Table is marked as crashed and should be repaired",
                                    "Lock wait timeout exceeded; try restarting transaction",
                                    "Deadlock found when trying to get lock",
                                    "User has exceeded the 'max_user_connections' resource",
                                    "The MySQL server is running with the --read-only option",
                                    "Query execution was interrupted",
                                    "Can't connect to local MySQL server through socket",
                                    "Can't connect to MySQL server on", "Unknown MySQL server host",
                                    "MySQL server has gone away", "Lost connection to MySQL server during query",
                                    "Incorrect key file for table", "Can't open file", "Error writing file"),
                            "pgstate", List.of("53100", "53200", "53300", "57P03", "08006", "08001", "3D000",
                                    "28P01", "55P03", "40P01", "XX001", "57P01"),
                            "pgmsg", List.of("could not extend file", "sorry, too many clients already",
                                    "the database system is starting up", "the database system is shutting down",
                                    "the database system is in recovery mode", "could not connect to server",
                                    "password authentication failed for user", "out of shared memory",
                                    "could not obtain lock on relation", "deadlock detected",
                                    "could not read block", "terminating connection due to administrator command",
                                    "remaining connection slots are reserved", "could not write to file",
                                    "no space left on device", "database is not accepting commands"),
                            "ora", List.of("ORA-00018", "ORA-00020", "ORA-00054", "ORA-00060", "ORA-00257",
                                    "ORA-01034", "ORA-01653", "ORA-01654", "ORA-01688", "ORA-04031", "ORA-12514",
                                    "ORA-12516", "ORA-12519", "ORA-12541", "ORA-28000"),
                            "oramsg", List.of("maximum number of sessions exceeded",
                                    "maximum number of processes exceeded",
                                    "resource busy and acquire with NOWAIT specified",
                                    "deadlock detected while waiting for resource",
                                    "archiver error. Connect internal only, until freed",
                                    "ORACLE not available", "unable to extend table",
                                    "unable to extend index", "unable to allocate shared memory",
                                    "TNS:listener does not currently know of service requested",
                                    "TNS:listener could not find available handler", "TNS:no listener",
                                    "the account is locked"),
                            "msmsg", List.of("9002, Level 17: The transaction log for database",
                                    "1105, Level 17: Could not allocate space for object",
                                    "4060, Level 11: Cannot open database", "18456, Level 14: Login failed for user",
                                    "1205, Level 13: Transaction was deadlocked on lock resources",
                                    "701, Level 17: There is insufficient system memory",
                                    "823, Level 24: The operating system returned error",
                                    "824, Level 24: SQL Server detected a logical consistency-based I/O error",
                                    "10928, Level 16: Resource ID : 1. The request limit for the database",
                                    "40613, Level 17: Database on server is not currently available"),
                            "table", List.of("Table 'watchdog'", "Table 'cache_page'", "Table 'semaphore'",
                                    "Table 'sessions'", "Table 'wp_options'", "Table 'wp_posts'",
                                    "Table 'wp_postmeta'", "Table 'node_field_data'", "Table 'key_value_expire'",
                                    "Table 'cache_render'", "Table 'jos_session'", "Table 'mdl_sessions'",
                                    "Table 'tx_news_domain_model_news'", "Table 'cache_hash'",
                                    "Table 'sys_log'", "Table 'oc_filecache'", "Table 'matomo_log_visit'"),
                            "tablemsg", List.of("is full", "doesn't exist", "is marked as crashed",
                                    "is marked as crashed and last (automatic?) repair failed",
                                    "was locked with a READ lock and can't be updated",
                                    "is read only", "has no partition for value"))),
            new Family("errorpage", "upstream_unavailable", "[html]", 6, List.of(
                    "<title>{status}</title>", "<h1>{status}</h1>", "<center><h1>{status}</h1></center>",
                    "<hr><center>{server}</center>", "<address>{apache} ({os}) Server at",
                    "<title>Error {status}</title>", "<h1>Error {status}</h1>", "<title>{status} | {product}</title>",
                    "<span class=\"cf-error-code\">{cf}</span>", "<title>{cfmsg} | {cfsite} | Cloudflare</title>",
                    "<title>HTTP Status {tomcat}</title>", "<h2>{proxy}</h2>",
                    "<h3>HTTP Error {iis}</h3>", "<hr><address>{apache} ({os}) Server at",
                    "<center>{server}</center>", "<h3>Apache Tomcat/{tomcatver}</h3>"),
                    slots(
                            "status", List.of("500 Internal Server Error", "502 Bad Gateway",
                                    "502 Proxy Error", "503 Service Unavailable",
                                    "503 Service Temporarily Unavailable", "503 Backend fetch failed",
                                    "504 Gateway Time-out", "504 Gateway Timeout", "508 Resource Limit Is Reached",
                                    "509 Bandwidth Limit Exceeded", "429 Too Many Requests",
                                    "500 Server Error", "503 first byte timeout", "520 Origin Error",
                                    "530 Site Frozen"),
                            "server", serverBanners(),
                            "apache", List.of("Apache/2.2.15", "Apache/2.2.22", "Apache/2.4.6", "Apache/2.4.18",
                                    "Apache/2.4.25", "Apache/2.4.29", "Apache/2.4.37", "Apache/2.4.38",
                                    "Apache/2.4.41", "Apache/2.4.46", "Apache/2.4.52", "Apache/2.4.54",
                                    "Apache/2.4.56", "Apache/2.4.57", "Apache/2.4.58", "Apache/2.4.62"),
                            "os", List.of("Ubuntu", "Debian", "CentOS", "Red Hat Enterprise Linux", "Unix",
                                    "Win64", "Fedora", "Rocky Linux", "AlmaLinux", "FreeBSD"),
                            "product", PRODUCTS,
                            "tomcatver", tomcatVersions(),
                            "iis", List.of("500.0 - Internal Server Error", "500.19 - Internal Server Error",
                                    "500.21 - Internal Server Error", "500.30 - ASP.NET Core app failed to start",
                                    "500.31 - Failed to load ASP.NET Core runtime",
                                    "500.37 - ASP.NET Core app failed to start within startup time limit",
                                    "502.3 - Bad Gateway", "502.5 - Process Failure",
                                    "503.0 - Application pool unavailable", "503.2 - Concurrent request limit exceeded"),
                            "cf", List.of("Error code 520", "Error code 521", "Error code 522", "Error code 523",
                                    "Error code 524", "Error code 525", "Error code 526", "Error code 530"),
                            "cfmsg", List.of("Web server is down", "Connection timed out", "Origin is unreachable",
                                    "A timeout occurred", "SSL handshake failed", "Invalid SSL certificate",
                                    "Web server is returning an unknown error"),
                            "cfsite", List.of("www.agency.example.int", "portal.ministry.example.gov",
                                    "news.university.example.edu", "court.example.org"),
                            "tomcat", List.of("500 – Internal Server Error", "503 – Service Unavailable",
                                    "404 – Not Found", "500 - Internal Server Error"),
                            "proxy", List.of("Proxy Error", "Service Unavailable", "Gateway Timeout",
                                    "Bad Gateway", "The proxy server could not handle the request"))),
            new Family("fatal", "app_error", "[text, html]", 22, List.of(
                    "<b>{level}</b>:  {what}", "PHP {level}:  {what}", "{level}: Uncaught {exception}",
                    "<b>{level}</b>:  {what} in <b>{path}", "PHP {level}:  {what} in {path}",
                    "Uncaught {exception}: ", "{exception} in {path}", "{runtime}"),
                    slots(
                            "level", List.of("Fatal error", "Parse error", "Warning", "Notice", "Deprecated",
                                    "Catchable fatal error", "Recoverable fatal error", "Strict Standards",
                                    "Core error", "Compile error", "User error"),
                            "what", List.of("Uncaught Error: Call to undefined function",
                                    "Uncaught Error: Class", "Uncaught TypeError:",
                                    "Uncaught ArgumentCountError: Too few arguments to function",
                                    "require_once(): Failed opening required", "Cannot redeclare",
                                    "syntax error, unexpected", "Undefined variable", "Undefined index",
                                    "Trying to access array offset on value of type null",
                                    "Cannot modify header information - headers already sent by",
                                    "session_start(): Failed to read session data",
                                    "include(): Failed opening", "Maximum function nesting level of"),
                            "exception", List.of("PDOException", "Error", "TypeError", "ArgumentCountError",
                                    "DivisionByZeroError", "ValueError", "JsonException", "RedisException",
                                    "RuntimeException", "InvalidArgumentException", "LogicException",
                                    "Doctrine\\DBAL\\Exception\\ConnectionException",
                                    "Doctrine\\DBAL\\Exception\\TableNotFoundException",
                                    "Illuminate\\Database\\QueryException",
                                    "Twig\\Error\\RuntimeError", "GuzzleHttp\\Exception\\ConnectException",
                                    "Drupal\\Core\\Database\\DatabaseExceptionWrapper",
                                    "Drupal\\Core\\Entity\\EntityStorageException",
                                    "Drupal\\Component\\Plugin\\Exception\\PluginNotFoundException",
                                    "Predis\\Connection\\ConnectionException",
                                    "Elasticsearch\\Common\\Exceptions\\NoNodesAvailableException",
                                    "TYPO3\\CMS\\Core\\Error\\Http\\ServiceUnavailableException",
                                    "Magento\\Framework\\Exception\\LocalizedException",
                                    "Symfony\\Component\\DependencyInjection\\Exception\\ServiceNotFoundException"),
                            "path", List.of("/var/www/html/wp-includes/", "/var/www/html/wp-content/plugins/",
                                    "/var/www/html/core/lib/Drupal/", "/var/www/html/web/core/includes/",
                                    "/srv/www/htdocs/typo3/sysext/", "/home/site/public_html/",
                                    "/var/www/vhosts/", "/usr/share/php/", "/var/www/moodle/lib/",
                                    "/opt/bitnami/apps/"),
                            "runtime", List.of("Traceback (most recent call last):",
                                    "django.db.utils.OperationalError:", "django.core.exceptions.ImproperlyConfigured:",
                                    "sqlalchemy.exc.OperationalError:", "ActiveRecord::ConnectionNotEstablished",
                                    "PG::ConnectionBad:", "Mysql2::Error::ConnectionError:",
                                    "java.lang.NullPointerException", "java.lang.IllegalStateException:",
                                    "org.springframework.jdbc.CannotGetJdbcConnectionException:",
                                    "org.hibernate.exception.JDBCConnectionException:",
                                    "java.sql.SQLTransientConnectionException: HikariPool-1",
                                    "javax.servlet.ServletException:", "Whitelabel Error Page",
                                    "Server Error in '/' Application.",
                                    "An unhandled exception occurred while processing the request.",
                                    "System.Data.SqlClient.SqlException:", "Microsoft.Data.SqlClient.SqlException",
                                    "Error: connect ECONNREFUSED", "UnhandledPromiseRejectionWarning:"))),
            new Family("resources", "app_resource_exhausted", "[text]", 5, List.of(
                    "Allowed memory size of {bytes} bytes exhausted (tried to allocate {alloc} bytes)",
                    "Maximum execution time of {secs} seconds exceeded in {path}",
                    "java.lang.OutOfMemoryError: {jvm}", "Out of memory (allocated {bytes}) (tried to allocate {alloc} bytes)",
                    "{proc}: {os}", "{product} has run out of {resource}", "The {product} server is out of {resource}",
                    "PHP Warning:  Unknown: Input variables exceeded {vars}",
                    "[pool {pool}] server reached pm.max_children setting ({children}), consider raising it",
                    "Out of memory: Killed process {pid} ({proc})", "{product}: {os}"),
                    slots(
                            "bytes", List.of("16777216", "33554432", "67108864", "134217728", "268435456",
                                    "536870912", "1073741824", "2097152"),
                            "secs", List.of("30", "60", "90", "120", "180", "300", "600"),
                            "jvm", List.of("Java heap space", "Metaspace", "GC overhead limit exceeded",
                                    "unable to create native thread", "Direct buffer memory",
                                    "Requested array size exceeds VM limit", "Compressed class space"),
                            "os", List.of("Cannot allocate memory", "fork: retry: Resource temporarily unavailable",
                                    "Too many open files", "No space left on device", "Disk quota exceeded",
                                    "Resource Limit Is Reached", "Out of memory: Killed process",
                                    "worker process exited on signal 9", "server reached pm.max_children setting",
                                    "server reached MaxRequestWorkers setting"),
                            "product", PRODUCTS,
                            "resource", List.of("memory", "disk space", "PHP workers", "database connections",
                                    "file handles", "inodes"),
                            "vars", List.of("1000", "2000", "5000", "10000"),
                            "alloc", List.of("20480", "32768", "65536", "262144", "1048576", "4096", "8192",
                                    "12288", "16384", "24576", "40960", "2621440"),
                            "path", List.of("/var/www/html/wp-includes/", "/var/www/html/core/lib/Drupal/",
                                    "/srv/www/htdocs/typo3/sysext/", "/home/site/public_html/",
                                    "/var/www/moodle/lib/", "/var/www/html/vendor/"),
                            "pool", List.of("www", "drupal", "wordpress", "moodle", "typo3", "site1", "intranet",
                                    "portal"),
                            "children", List.of("5", "10", "20", "25", "40", "50", "64", "100"),
                            "pid", List.of("1187", "2301", "4412", "8734", "12093", "20211", "31877", "40012"),
                            "proc", List.of("php-fpm", "httpd", "nginx", "mysqld", "java", "node", "uwsgi",
                                    "gunicorn", "postgres", "redis-server"))),
            new Family("connection", "db_connection", "[title, text]", 13, List.of(
                    "Error establishing a {target} connection", "{product} could not connect to the {target} server",
                    "Could not connect to {target}: {reason}", "Unable to connect to the {target} server: {reason}",
                    "SQLSTATE[HY000] [2002] {reason}", "{target} connection failed: {reason}",
                    "{product} is unable to reach its {target}", "{driver}: {reason}",
                    "Unable to connect to {hostport} ({reason})", "{product} could not connect to {hostport}",
                    "Failed to connect to {target} server at {hostport}: {reason}"),
                    slots(
                            "target", List.of("database", "Redis", "Memcached", "LDAP", "Elasticsearch", "Solr",
                                    "SMTP", "cache", "MySQL", "PostgreSQL", "MongoDB", "search", "session store"),
                            "product", PRODUCTS,
                            "reason", List.of("Connection refused", "Connection timed out", "No route to host",
                                    "Name or service not known", "Temporary failure in name resolution",
                                    "Host is unreachable", "Network is unreachable", "No such file or directory",
                                    "Permission denied", "Connection reset by peer"),
                            "driver", List.of("mysqli::real_connect()", "PDO::__construct()", "pg_connect()",
                                    "Redis::connect()", "Memcached::addServer()", "ldap_bind()", "fsockopen()",
                                    "stream_socket_client()", "mysqli_connect()", "oci_connect()"),
                            "hostport", List.of("localhost:3306", "127.0.0.1:3306", "127.0.0.1:6379", "db:5432",
                                    "mysql:3306", "redis:6379", "127.0.0.1:11211", "ldap.internal:389",
                                    "search:9200", "127.0.0.1:8983"))));

    private SyntheticLibrary() {
    }

    /** Slot name, values, slot name, values, ... (Map.of stops at ten pairs). */
    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> slots(Object... nameThenValues) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenValues.length; i += 2) {
            m.put((String) nameThenValues[i], (List<String>) nameThenValues[i + 1]);
        }
        return Map.copyOf(m);
    }

    /** Tomcat releases as its error pages print them in their last line. */
    private static List<String> tomcatVersions() {
        List<String> versions = new ArrayList<>();
        for (int patch = 0; patch <= 98; patch += 2) {
            versions.add("9.0." + patch);
        }
        for (int patch = 0; patch <= 36; patch += 2) {
            versions.add("10.1." + patch);
        }
        return List.copyOf(versions);
    }

    /** nginx and OpenResty releases as their error pages print them, and other proxies' and CDNs' banners. */
    private static List<String> serverBanners() {
        List<String> banners = new ArrayList<>();
        for (int minor = 10; minor <= 27; minor++) {
            for (int patch = 0; patch <= 3; patch++) {
                banners.add("nginx/1." + minor + "." + patch);
            }
        }
        for (String v : List.of("1.13.6.2", "1.15.8.3", "1.17.8.2", "1.19.3.1", "1.19.9.1", "1.21.4.1", "1.21.4.3",
                "1.25.3.1", "1.25.3.2", "1.27.1.1")) {
            banners.add("openresty/" + v);
        }
        banners.addAll(List.of("nginx", "openresty", "Tengine", "cloudflare", "Microsoft-Azure-Application-Gateway/v2",
                "awselb/2.0", "Varnish cache server", "LiteSpeed Web Server", "CloudFront",
                "Apache Traffic Server/9.2.3", "Caddy", "envoy", "BunnyCDN-DE1-868"));
        return List.copyOf(banners);
    }

    /** The built-in library's files, as loaded by {@link SignatureLibrary#builtIn()}. */
    public static List<SignatureLibrary.Source> builtInSources() {
        List<SignatureLibrary.Source> sources = new ArrayList<>();
        String index = new String(Probes.resource("/signatures/index.txt"), StandardCharsets.UTF_8);
        for (String line : index.split("\n")) {
            String name = line.trim();
            if (!name.isEmpty() && !name.startsWith("#")) {
                sources.add(new SignatureLibrary.Source("signatures/" + name,
                        new String(Probes.resource("/signatures/" + name), StandardCharsets.UTF_8)));
            }
        }
        return sources;
    }

    /**
     * The built-in library plus synthetic signatures up to {@code total} signatures in all (just the built-in library
     * when it already has that many), compiled. The size is absolute, not a multiple of the built-in library: the
     * built-in library grows, and a multiple of today's would outgrow the families' phrases (and any real library).
     */
    public static SignatureLibrary ofSize(int total, long seed) {
        try {
            return SignatureLibrary.load(sources(total, seed));
        } catch (SignatureException e) {
            throw new IllegalStateException("the synthetic library does not load:\n" + e.getMessage(), e);
        }
    }

    /** The YAML sources of {@link #ofSize}: the built-in files, then synthetic ones. */
    public static List<SignatureLibrary.Source> sources(int total, long seed) {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative, was " + total);
        }
        List<SignatureLibrary.Source> sources = builtInSources();
        int builtIn = SignatureLibrary.builtIn().signatures().size();
        int totalWeight = FAMILIES.stream().mapToInt(Family::weight).sum();
        int wanted = Math.max(0, total - builtIn);
        Random random = new Random(seed);
        Set<String> used = new LinkedHashSet<>();
        StringBuilder yaml = new StringBuilder();
        int inFile = 0;
        int file = 0;
        for (int i = 0; i < wanted; i++) {
            Family f = pick(random, totalWeight);
            int anchors = random.nextInt(100) < 60 ? 1 : random.nextInt(100) < 60 ? 2 : 3;
            List<String> list = new ArrayList<>();
            for (int k = 0; k < anchors; k++) {
                String a = phrase(f, random, used);
                if (a != null) {
                    list.add(a);
                }
            }
            if (list.isEmpty()) {
                throw new IllegalStateException("family '" + f.name() + "' has run out of distinct phrases after "
                        + used.size() + " anchors; " + total + " signatures are too many for it");
            }
            if (inFile == 0) {
                yaml.setLength(0);
                yaml.append("stack: synthetic\nname: Synthetic signatures for the library-size benchmark\n")
                        .append("signatures:\n");
            }
            yaml.append("  - id: synthetic.").append(f.name()).append('_').append(i).append('\n')
                    .append("    class: ").append(f.failureClass()).append('\n')
                    .append("    severity: critical\n")
                    .append("    anchors: [");
            for (int k = 0; k < list.size(); k++) {
                yaml.append(k == 0 ? "" : ", ").append(quote(list.get(k)));
            }
            yaml.append("]\n    where: ").append(f.where()).append('\n')
                    .append("    confidence: 0.85\n")
                    .append("    hint: Synthetic signature of the library-size benchmark; never shipped.\n");
            if (++inFile == PER_FILE || i == wanted - 1) {
                sources.add(new SignatureLibrary.Source("synthetic-" + file++ + ".yml", yaml.toString()));
                inFile = 0;
            }
        }
        return sources;
    }

    /** Families are drawn by weight: a real library has many more coded messages than error-page banners. */
    private static Family pick(Random random, int totalWeight) {
        int r = random.nextInt(totalWeight);
        for (Family f : FAMILIES) {
            r -= f.weight();
            if (r < 0) {
                return f;
            }
        }
        return FAMILIES.get(0);
    }

    /** A phrase of the family not used before (compared as the automaton sees them: case and spaces folded). */
    private static String phrase(Family f, Random random, Set<String> used) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String template = f.templates().get(random.nextInt(f.templates().size()));
            Matcher m = SLOT.matcher(template);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                List<String> values = f.slots().get(m.group(1));
                if (values == null) {
                    throw new IllegalStateException("template '" + template + "' names unknown slot " + m.group(1));
                }
                m.appendReplacement(b, Matcher.quoteReplacement(values.get(random.nextInt(values.size()))));
            }
            m.appendTail(b);
            String phrase = b.toString();
            if (used.add(phrase.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip())) {
                return phrase;
            }
        }
        return null;
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
