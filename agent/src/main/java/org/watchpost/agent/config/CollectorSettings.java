package org.watchpost.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/** The optional {@code collector:} section: where the agent pushes its journal, and the file holding its token. */
public record CollectorSettings(URI url, Path tokenFile) {
    public CollectorSettings {
        Objects.requireNonNull(url, "url");
    }
}
