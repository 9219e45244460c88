package org.watchpost.agent.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.watchpost.agent.detect.Signature;

/**
 * A whole, validated agent configuration. Built only by {@link ConfigLoader}, which applies defaults and rejects
 * anything it does not understand, so code that holds one can trust every field.
 *
 * @param source    the file it was read from (for messages and reload)
 * @param collector  null when the agent does not forward to a collector
 * @param signatures the user's own failure signatures, added to the built-in library
 */
public record AgentConfig(
        Path source,
        AgentSettings agent,
        JournalSettings journal,
        CollectorSettings collector,
        LogSettings log,
        ProbeSettings defaults,
        List<TargetConfig> targets,
        List<Signature> signatures) {

    public AgentConfig {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(defaults, "defaults");
        targets = List.copyOf(targets);
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }

    /** The same configuration with other agent and log settings (command-line overrides). */
    public AgentConfig with(AgentSettings newAgent, LogSettings newLog) {
        return new AgentConfig(source, newAgent, journal, collector, newLog, defaults, targets, signatures);
    }
}
