package org.watchpost.collector.fleet;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Called inside the transaction that opens, updates or resolves an incident, so what it writes (the notification
 * outbox) commits or rolls back with the incident: a notification is never queued for an incident that was not
 * recorded, nor lost for one that was.
 */
public interface IncidentListener {
    void changed(Connection tx, IncidentChange change) throws SQLException;

    IncidentListener NONE = (tx, change) -> { };
}
