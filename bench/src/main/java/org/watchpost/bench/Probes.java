package org.watchpost.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.watchpost.protocol.PhaseTimings;
import org.watchpost.agent.probe.ProbeResult;

/** Probe results as the prober would hand them to the detector, without a network. */
final class Probes {
    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    static final URI URL = URI.create("https://www.agency.example.int/news/press-release");

    /** What a Drupal site behind nginx answers; the detector scans header lines too, when a signature asks for it. */
    private static final Map<String, List<String>> HEADERS = headers();

    private Probes() {
    }

    static ProbeResult page(int status, byte[] body) {
        return new ProbeResult(NOW, URL, URL, 0, null, status, HEADERS, body, false, null, body.length,
                PhaseTimings.NONE, 150_000_000L, null, null);
    }

    private static Map<String, List<String>> headers() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("server", List.of("nginx"));
        h.put("content-type", List.of("text/html; charset=UTF-8"));
        h.put("cache-control", List.of("max-age=300, public"));
        h.put("x-drupal-dynamic-cache", List.of("UNCACHEABLE"));
        h.put("x-generator", List.of("Drupal 10 (https://www.drupal.org)"));
        h.put("x-content-type-options", List.of("nosniff"));
        h.put("strict-transport-security", List.of("max-age=31536000; includeSubDomains"));
        h.put("vary", List.of("Cookie", "Accept-Encoding"));
        return Map.copyOf(h);
    }

    static byte[] resource(String name) {
        try (InputStream in = Probes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the benchmarks jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }

    /** The seed page as it was served: the article, then Drupal's error after {@code </html>}. */
    static byte[] seedPage() {
        return resource("/pages/seed-drupal8-watchdog-full.html");
    }

    /** The seed page's failure: everything after the article's {@code </html>}. */
    static String seedFailure() {
        String seed = new String(seedPage(), StandardCharsets.UTF_8);
        int end = seed.indexOf("</html>") + "</html>".length();
        return seed.substring(end);
    }

    /** The seed page cut after {@code </html>}: the same article, healthy. */
    static byte[] seedWithoutFailure() {
        String seed = new String(seedPage(), StandardCharsets.UTF_8);
        return (seed.substring(0, seed.indexOf("</html>") + "</html>".length()) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
