package org.watchpost.agent.config;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One watched page.
 *
 * @param name   unique; the {@code target} label on every metric
 * @param url    an absolute http or https URL
 * @param probe  the defaults with this target's overrides applied
 * @param labels extra labels for the API and the collector (not added to metrics, to keep series bounded)
 */
public record TargetConfig(String name, URI url, ProbeSettings probe, Map<String, String> labels) {
    public TargetConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(probe, "probe");
        labels = Map.copyOf(labels);
    }

    /** The politeness key: probes to the same host and port share concurrency and spacing limits. */
    public String hostKey() {
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return url.getHost().toLowerCase(java.util.Locale.ROOT) + ":" + port;
    }
}
