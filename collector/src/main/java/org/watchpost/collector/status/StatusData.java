package org.watchpost.collector.status;

import java.sql.SQLException;
import java.util.List;
import org.watchpost.collector.fleet.FleetSnapshot;
import org.watchpost.collector.fleet.Incident;

/** What the status page and its JSON twins read. */
public interface StatusData {
    FleetSnapshot snapshot();

    /** Open incidents, oldest first, with timelines. */
    List<Incident> openIncidents() throws SQLException;

    /** Recently resolved incidents, newest first, with timelines. */
    List<Incident> recentIncidents(int limit) throws SQLException;

    java.util.Optional<Incident> incident(long id) throws SQLException;
}
