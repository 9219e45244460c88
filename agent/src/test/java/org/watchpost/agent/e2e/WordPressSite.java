package org.watchpost.agent.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * WordPress as Debian's {@code wordpress} package installs it (/usr/share/wordpress), with the translations of
 * {@code wordpress-l10n}, on PHP's built-in server with a production PHP configuration ({@code display_errors=0}) and a
 * database on a {@link MariaDbServer}. The site gets a directory of its own: WordPress's top-level PHP files are copied
 * (PHP resolves symlinks, and WordPress finds its configuration next to {@code wp-load.php}); {@code wp-admin},
 * {@code wp-includes} and the translations are links to the package's files; {@code wp-content} is the site's own,
 * with a small theme (Debian ships none) and room for plugins. Debian's {@code wp-config.php}, which reads
 * /etc/wordpress, is replaced by one that points at the test database.
 *
 * <p>The configuration defines {@code WPLANG} from the query parameter {@code wplang} (say {@code ?wplang=fr_FR}), so
 * one site shows its messages in every language the package ships.
 */
public final class WordPressSite implements AutoCloseable {
    private static final Path WORDPRESS = Path.of("/usr/share/wordpress");
    private static final String DB_NAME = "wordpress";
    private static final String DB_USER = "wordpress";
    private static final String DB_PASSWORD = "wordpress-secret";
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);
    public static final String SITE_TITLE = "Ministère de la Justice";
    public static final String POST_TITLE = "The Ministry publishes its annual report on water resources";
    private static final String PLUGIN = "press-widgets/press-widgets.php";

    private final MariaDbServer db;
    private final Path docroot;
    private final PhpServer php;

    private WordPressSite(MariaDbServer db, Path docroot, PhpServer php) {
        this.db = db;
        this.docroot = docroot;
        this.php = php;
    }

    /** Creates the site's database and user on {@code db}, installs WordPress with two posts and starts PHP. */
    public static WordPressSite start(MariaDbServer db) {
        if (!Files.isRegularFile(WORDPRESS.resolve("wp-settings.php"))) {
            throw new IllegalStateException("the e2e tests need WordPress in " + WORDPRESS + ": install the Debian"
                    + " package wordpress, or run .ci/run");
        }
        if (!Files.isDirectory(WORDPRESS.resolve("wp-content/languages"))) {
            throw new IllegalStateException("the e2e tests need WordPress's translations in " + WORDPRESS
                    + "/wp-content/languages: install the Debian package wordpress-l10n, or run .ci/run");
        }
        PhpServer.requireExtension("mysqli", "php-mysql");
        Path docroot = null;
        PhpServer php = null;
        try {
            db.sql("CREATE DATABASE " + DB_NAME + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
                    + " CREATE USER '" + DB_USER + "'@'127.0.0.1' IDENTIFIED BY '" + DB_PASSWORD + "';"
                    + " GRANT ALL ON " + DB_NAME + ".* TO '" + DB_USER + "'@'127.0.0.1';");
            docroot = Files.createTempDirectory("watchpost-wordpress-");
            Files.setPosixFilePermissions(docroot, PosixFilePermissions.fromString("rwxr-xr-x"));
            layOut(docroot, db);
            php = PhpServer.start(docroot, Map.of(), Map.of("display_errors", "0", "html_errors", "0"));
            WordPressSite site = new WordPressSite(db, docroot, php);
            site.cli("install");
            return site;
        } catch (IOException e) {
            cleanUp(php, docroot);
            throw new UncheckedIOException("could not lay out the WordPress site", e);
        } catch (RuntimeException | Error e) {
            cleanUp(php, docroot);
            throw e;
        }
    }

    private static void cleanUp(PhpServer php, Path docroot) {
        if (php != null) {
            php.stop();
        }
        if (docroot != null) {
            LocalProcess.deleteTree(docroot);
        }
    }

    private static void layOut(Path docroot, MariaDbServer db) throws IOException {
        try (Stream<Path> files = Files.list(WORDPRESS)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && name.endsWith(".php") && !name.equals("wp-config.php")) {
                    Files.copy(f, docroot.resolve(name));
                }
            }
        }
        Files.createSymbolicLink(docroot.resolve("wp-admin"), WORDPRESS.resolve("wp-admin"));
        Files.createSymbolicLink(docroot.resolve("wp-includes"), WORDPRESS.resolve("wp-includes"));
        Path content = Files.createDirectories(docroot.resolve("wp-content"));
        Files.createDirectories(content.resolve("plugins"));
        Files.createSymbolicLink(content.resolve("languages"), WORDPRESS.resolve("wp-content/languages"));
        write(docroot.resolve("wp-config.php"), """
                <?php
                // The test site's configuration, in place of Debian's (which reads /etc/wordpress/config-HOST.php).
                define('DB_NAME', '%s');
                define('DB_USER', '%s');
                define('DB_PASSWORD', '%s');
                define('DB_HOST', '127.0.0.1:%d');
                define('DB_CHARSET', 'utf8mb4');
                define('DB_COLLATE', '');
                $table_prefix = 'wp_';
                // One site in every language wordpress-l10n ships: ?wplang=fr_FR is define('WPLANG', 'fr_FR').
                if (isset($_GET['wplang']) && preg_match('/^[a-z]{2,3}(_[A-Z]{2})?$/', $_GET['wplang'])) {
                    define('WPLANG', $_GET['wplang']);
                }
                define('WP_DEBUG', false);
                define('AUTOMATIC_UPDATER_DISABLED', true);
                define('WP_HTTP_BLOCK_EXTERNAL', true);
                define('DISABLE_WP_CRON', true);
                define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
                if (!defined('ABSPATH')) {
                    define('ABSPATH', __DIR__ . '/');
                }
                require_once ABSPATH . 'wp-settings.php';
                """.formatted(DB_NAME, DB_USER, DB_PASSWORD, db.port()));
        write(content.resolve("themes/evaluation/style.css"), "/*\nTheme Name: Evaluation\n*/\n");
        write(content.resolve("themes/evaluation/index.php"), """
                <!DOCTYPE html>
                <html <?php language_attributes(); ?>>
                <head><meta charset="<?php bloginfo('charset'); ?>"><title><?php bloginfo('name'); ?></title><?php wp_head(); ?></head>
                <body <?php body_class(); ?>>
                <header><h1><a href="<?php echo esc_url(home_url('/')); ?>"><?php bloginfo('name'); ?></a></h1></header>
                <main>
                <?php while (have_posts()) : the_post(); ?>
                <article id="post-<?php the_ID(); ?>"><h2><a href="<?php the_permalink(); ?>"><?php the_title(); ?></a></h2><?php the_content(); ?></article>
                <?php endwhile; ?>
                </main>
                <footer><p>&copy; <?php bloginfo('name'); ?></p></footer>
                <?php wp_footer(); ?>
                </body>
                </html>
                """);
        write(content.resolve("plugins/press-widgets/press-widgets.php"), """
                <?php
                /*
                Plugin Name: Press widgets
                Description: Registers the press office's sidebar widgets.
                */
                press_widgets_register_all();
                """);
        // Command-line helpers run with PHP's CLI against the same site: install, then change its state.
        write(docroot.resolve("eval-cli.php"), """
                <?php
                // php eval-cli.php HOST:PORT ACTION
                if (PHP_SAPI !== 'cli') { exit(1); }
                $_SERVER['HTTP_HOST'] = $argv[1];
                $_SERVER['REQUEST_URI'] = '/';
                $watchpost_action = $argv[2];
                if ($watchpost_action === 'install') {
                    define('WP_INSTALLING', true);
                }
                require __DIR__ . '/wp-config.php';
                if ($watchpost_action === 'install') {
                    require_once ABSPATH . 'wp-admin/includes/upgrade.php';
                    wp_install('%s', 'admin', 'admin@example.invalid', false, '', 'admin-secret-1234');
                    update_option('siteurl', 'http://' . $argv[1]);
                    update_option('home', 'http://' . $argv[1]);
                    update_option('template', 'evaluation');
                    update_option('stylesheet', 'evaluation');
                    // The language comes from WPLANG, not from the option the installer writes.
                    delete_option('WPLANG');
                    wp_insert_post(['post_title' => '%s', 'post_status' => 'publish',
                        'post_content' => 'The report has figures for every region and the progress of the irrigation programme.']);
                    wp_insert_post(['post_title' => 'Consultation on the draft strategy', 'post_status' => 'publish',
                        'post_content' => 'Citizens can comment on the draft strategy until the end of the month.']);
                }
                echo "done $watchpost_action\\n";
                """.formatted(SITE_TITLE, POST_TITLE));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private void cli(String action) {
        Path php = Binaries.require("php", "php-cli");
        Path log = docroot.resolve("cli.log");
        LocalProcess p = LocalProcess.start("php eval-cli.php " + action, List.of(php.toString(),
                docroot.resolve("eval-cli.php").toString(), "127.0.0.1:" + this.php.port(), action), Map.of(), log);
        if (!p.awaitExit(CLI_TIMEOUT)) {
            throw new IllegalStateException("WordPress's " + action + " did not finish within " + CLI_TIMEOUT + "\n"
                    + p.logTail());
        }
        String tail = p.logTail();
        if (p.exitCodeOrMinusOne() != 0 || !tail.contains("done " + action)) {
            throw new IllegalStateException("WordPress's " + action + " failed with exit code "
                    + p.exitCodeOrMinusOne() + "\n" + tail);
        }
    }

    /** The site's URL for {@code path} (starting with a slash). */
    public URI url(String path) {
        return php.url(path);
    }

    /** Puts the site into maintenance mode the way an update does: a {@code .maintenance} file next to wp-load.php. */
    public void maintenance(boolean on) {
        Path flag = docroot.resolve(".maintenance");
        try {
            if (on) {
                Files.writeString(flag, "<?php $upgrading = time(); ?>", StandardCharsets.UTF_8);
            } else {
                Files.deleteIfExists(flag);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not change " + flag, e);
        }
    }

    /** Activates (or deactivates) a plugin that calls an undefined function when it loads: WordPress's critical error. */
    public void fatalPlugin(boolean on) {
        // Through SQL, as a deployment would: WordPress itself cannot run (to deactivate it) while the plugin is active.
        String plugins = on ? "a:1:{i:0;s:" + PLUGIN.length() + ":\"" + PLUGIN + "\";}" : "a:0:{}";
        db.sql("UPDATE " + DB_NAME + ".wp_options SET option_value = '" + plugins + "' WHERE option_name = 'active_plugins'");
    }

    /** Drops the options table, as a botched migration or a partial restore leaves a site. */
    public void dropOptionsTable() {
        db.sql("DROP TABLE " + DB_NAME + ".wp_options");
    }

    public String logTail() {
        return php.logTail();
    }

    @Override
    public void close() {
        cleanUp(php, docroot);
    }
}
