package org.watchpost.agent.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A whole, validated agent configuration. Built only by {@link ConfigLoader}, which applies defaults and rejects
 * anything it does not understand, so code that holds one can trust every field.
 *
 * @param source    the file it was read from (for messages and reload)
 * @param collector null when the agent does not forward to a collector
 */
public record AgentConfig(
        Path source,
        AgentSettings agent,
        JournalSettings journal,
        CollectorSettings collector,
        LogSettings log,
        ProbeSettings defaults,
        List<TargetConfig> targets) {

    public AgentConfig {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(defaults, "defaults");
        targets = List.copyOf(targets);
    }
}
