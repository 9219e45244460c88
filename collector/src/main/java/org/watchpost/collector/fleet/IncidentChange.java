package org.watchpost.collector.fleet;

import java.util.Objects;
import org.watchpost.protocol.FailureClass;

/**
 * What happened to an incident, handed to {@link IncidentListener}s inside the transaction that recorded it.
 *
 * @param previousVerdict for {@link Kind#UPDATED}: the verdict before; else the incident's own
 * @param previousClass   for {@link Kind#UPDATED}: the class before; else the incident's own
 */
public record IncidentChange(Kind kind, Incident incident, FleetState previousVerdict, FailureClass previousClass) {
    public enum Kind { OPENED, UPDATED, RESOLVED }

    public IncidentChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(incident, "incident");
        previousVerdict = previousVerdict == null ? incident.verdict() : previousVerdict;
        previousClass = previousClass == null ? incident.primaryClass() : previousClass;
    }
}
