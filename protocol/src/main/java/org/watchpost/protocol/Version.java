package org.watchpost.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The Watchpost release, as written into the build. Agent and collector of one build share it. */
public final class Version {
    private static final String VERSION = load();

    private Version() {
    }

    /** E.g. {@code 0.1.0}; {@code unknown} when run from classes not built by Maven. */
    public static String current() {
        return VERSION;
    }

    /** The User-Agent every probe sends, so site owners can tell Watchpost from visitors and attackers. */
    public static String userAgent() {
        return "Watchpost/" + VERSION + " (website failure monitor)";
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Watchpost version resource", e);
        }
    }
}
