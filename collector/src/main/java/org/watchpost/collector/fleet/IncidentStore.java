package org.watchpost.collector.fleet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.watchpost.collector.store.Prunable;
import org.watchpost.protocol.FailureClass;

/**
 * Incidents and their timelines in the collector's database (tables of migration V50). Every change runs in one
 * transaction together with the {@link IncidentListener}, which queues the notifications.
 *
 * <p>Bounded: a timeline keeps at most {@link #MAX_EVENTS} events per incident (later ones are counted in
 * {@code events_dropped} and shown as a count); resolved incidents go through the collector's retention
 * ({@link #pruneResolvedBefore}, {@link #pruneOldestResolved}); open incidents are never pruned.
 */
public final class IncidentStore implements Prunable {
    /** A flapping target would otherwise grow its incident's timeline by two events a minute for as long as it lasts. */
    public static final int MAX_EVENTS = 100;
    private static final String COLUMNS = "id, target, site, team, state, verdict, primary_class, signature, evidence,"
            + " hint, agents, first_seen_ms, last_seen_ms, opened_ms, resolved_ms, flaps, events_dropped";

    private final DataSource dataSource;
    private final IncidentListener listener;

    public IncidentStore(DataSource dataSource, IncidentListener listener) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Opens an incident for a failing target. When another collector opened one for the same target first, that one
     * is returned and nothing is notified twice.
     */
    public Incident open(TargetView view, Instant firstSeen, Instant now, String note) throws SQLException {
        if (!view.state().failing()) {
            throw new IllegalArgumentException("an incident opens for a failing target, " + view.target() + " is "
                    + view.state());
        }
        Optional<Incident> existing = findOpen(view.target());
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            return Transactions.inTransaction(dataSource, tx -> {
                long id;
                try (PreparedStatement ps = tx.prepareStatement("INSERT INTO watchpost_incidents (target, site, team,"
                        + " state, open_key, verdict, primary_class, signature, evidence, hint, agents, first_seen_ms,"
                        + " last_seen_ms, opened_ms) VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, view.target());
                    ps.setString(2, view.site());
                    ps.setString(3, view.team());
                    ps.setString(4, view.target());
                    ps.setString(5, view.state().id());
                    ps.setString(6, view.primaryClass().id());
                    ps.setString(7, view.signature());
                    ps.setString(8, view.evidence());
                    ps.setString(9, view.hint());
                    ps.setString(10, String.join(",", view.agreeing()));
                    ps.setLong(11, firstSeen.toEpochMilli());
                    ps.setLong(12, now.toEpochMilli());
                    ps.setLong(13, now.toEpochMilli());
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                addEvent(tx, id, new IncidentEvent(now, "opened", note));
                Incident incident = load(tx, id).orElseThrow();
                listener.changed(tx, new IncidentChange(IncidentChange.Kind.OPENED, incident, null, null));
                return incident;
            });
        } catch (SQLException e) {
            // Lost the race for open_key to another collector: theirs is the incident.
            Optional<Incident> theirs = findOpen(view.target());
            if (theirs.isPresent()) {
                return theirs.get();
            }
            throw e;
        }
    }

    /**
     * Records what the incident looks like now. A change of verdict or class is an identity change that notifies;
     * {@code events} are appended to the timeline either way.
     */
    public Incident update(Incident current, TargetView view, Instant now, List<IncidentEvent> events, int addFlaps)
            throws SQLException {
        return Transactions.inTransaction(dataSource, tx -> {
            boolean failing = view.state().failing();
            try (PreparedStatement ps = tx.prepareStatement("UPDATE watchpost_incidents SET verdict = ?,"
                    + " primary_class = ?, signature = ?, evidence = ?, hint = ?, agents = ?, last_seen_ms = ?,"
                    + " flaps = flaps + ? WHERE id = ? AND state = 'open'")) {
                ps.setString(1, failing ? view.state().id() : current.verdict().id());
                ps.setString(2, failing ? view.primaryClass().id() : current.primaryClass().id());
                ps.setString(3, failing ? view.signature() : current.signature());
                ps.setString(4, failing ? view.evidence() : current.evidence());
                ps.setString(5, failing ? view.hint() : current.hint());
                ps.setString(6, failing ? String.join(",", view.agreeing()) : String.join(",", current.agents()));
                ps.setLong(7, failing ? now.toEpochMilli() : current.lastSeen().toEpochMilli());
                ps.setInt(8, addFlaps);
                ps.setLong(9, current.id());
                ps.executeUpdate();
            }
            for (IncidentEvent e : events) {
                addEvent(tx, current.id(), e);
            }
            Incident updated = load(tx, current.id()).orElseThrow();
            if (updated.open() && (updated.verdict() != current.verdict()
                    || updated.primaryClass() != current.primaryClass())) {
                listener.changed(tx, new IncidentChange(IncidentChange.Kind.UPDATED, updated, current.verdict(),
                        current.primaryClass()));
            }
            return updated;
        });
    }

    public Incident resolve(Incident current, Instant now, String note) throws SQLException {
        return Transactions.inTransaction(dataSource, tx -> {
            int changed;
            try (PreparedStatement ps = tx.prepareStatement("UPDATE watchpost_incidents SET state = 'resolved',"
                    + " open_key = NULL, resolved_ms = ? WHERE id = ? AND state = 'open'")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, current.id());
                changed = ps.executeUpdate();
            }
            Incident resolved;
            if (changed == 1) {
                addEvent(tx, current.id(), new IncidentEvent(now, "resolved", note));
                resolved = load(tx, current.id()).orElseThrow();
                listener.changed(tx, new IncidentChange(IncidentChange.Kind.RESOLVED, resolved, null, null));
            } else {
                // Another collector resolved it first; it notified.
                resolved = load(tx, current.id()).orElseThrow();
            }
            return resolved;
        });
    }

    public Optional<Incident> findOpen(String target) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                     + " FROM watchpost_incidents WHERE open_key = ?")) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Every open incident, oldest first, without timelines. */
    public List<Incident> openIncidents() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM watchpost_incidents WHERE state = 'open' ORDER BY opened_ms, id",
                -1);
    }

    /** The most recently resolved incidents, newest first, without timelines. */
    public List<Incident> recentlyResolved(int limit) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM watchpost_incidents WHERE state = 'resolved'"
                + " ORDER BY resolved_ms DESC, id DESC LIMIT ?", limit);
    }

    /** One incident with its timeline. */
    public Optional<Incident> find(long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Optional<Incident> incident = load(c, id);
            if (incident.isEmpty()) {
                return incident;
            }
            return Optional.of(incident.get().withTimeline(timelines(c, List.of(id)).getOrDefault(id, List.of())));
        }
    }

    /** The given incidents with their timelines, in the same order. */
    public List<Incident> withTimelines(List<Incident> incidents) throws SQLException {
        if (incidents.isEmpty()) {
            return incidents;
        }
        try (Connection c = dataSource.getConnection()) {
            Map<Long, List<IncidentEvent>> byId = timelines(c, incidents.stream().map(Incident::id).toList());
            return incidents.stream().map(i -> i.withTimeline(byId.getOrDefault(i.id(), List.of()))).toList();
        }
    }

    /**
     * Retention: deletes up to {@code limit} incidents resolved before {@code cutoff}, oldest first, with their
     * timelines, on the caller's connection (the caller commits). Open incidents are never deleted.
     */
    @Override
    public String name() {
        return "incidents";
    }

    @Override
    public int pruneOlderThan(Connection connection, Instant cutoff, int limit) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM watchpost_incidents WHERE state ="
                + " 'resolved' AND resolved_ms < ? ORDER BY resolved_ms, id LIMIT ?")) {
            ps.setLong(1, cutoff.toEpochMilli());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        try (PreparedStatement ev = connection.prepareStatement("DELETE FROM watchpost_incident_events WHERE"
                + " incident_id = ?");
             PreparedStatement inc = connection.prepareStatement("DELETE FROM watchpost_incidents WHERE id = ?"
                     + " AND state = 'resolved'")) {
            for (long id : ids) {
                ev.setLong(1, id);
                ev.executeUpdate();
                inc.setLong(1, id);
                inc.executeUpdate();
            }
        }
        return ids.size();
    }

    private List<Incident> query(String sql, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (limit >= 0) {
                ps.setInt(1, limit);
            }
            List<Incident> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    private static Optional<Incident> load(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM watchpost_incidents WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static void addEvent(Connection tx, long incidentId, IncidentEvent event) throws SQLException {
        int count;
        try (PreparedStatement ps = tx.prepareStatement("SELECT events FROM watchpost_incidents WHERE id = ?")) {
            ps.setLong(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                count = rs.getInt(1);
            }
        }
        // Keep room for the resolution, so a long flapping incident still shows how it ended.
        boolean room = count < MAX_EVENTS - 1 || (count < MAX_EVENTS && event.kind().equals("resolved"));
        if (!room) {
            try (PreparedStatement ps = tx.prepareStatement("UPDATE watchpost_incidents SET events_dropped ="
                    + " events_dropped + 1 WHERE id = ?")) {
                ps.setLong(1, incidentId);
                ps.executeUpdate();
            }
            return;
        }
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO watchpost_incident_events (incident_id, time_ms,"
                + " kind, detail) VALUES (?, ?, ?, ?)");
             PreparedStatement up = tx.prepareStatement("UPDATE watchpost_incidents SET events = events + 1"
                     + " WHERE id = ?")) {
            ps.setLong(1, incidentId);
            ps.setLong(2, event.time().toEpochMilli());
            ps.setString(3, event.kind());
            ps.setString(4, event.detail());
            ps.executeUpdate();
            up.setLong(1, incidentId);
            up.executeUpdate();
        }
    }

    private static Map<Long, List<IncidentEvent>> timelines(Connection c, List<Long> ids) throws SQLException {
        Map<Long, List<IncidentEvent>> out = new LinkedHashMap<>();
        // In chunks: one statement per incident would be N round trips, one IN list of thousands hits driver limits.
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT incident_id, time_ms, kind, detail FROM"
                    + " watchpost_incident_events WHERE incident_id IN (" + marks + ") ORDER BY incident_id, id")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new IncidentEvent(
                                Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4)));
                    }
                }
            }
        }
        return out;
    }

    private static Incident read(ResultSet rs) throws SQLException {
        long resolved = rs.getLong("resolved_ms");
        boolean resolvedNull = rs.wasNull();
        String agents = rs.getString("agents");
        return new Incident(rs.getLong("id"), rs.getString("target"), rs.getString("site"), rs.getString("team"),
                "open".equals(rs.getString("state")), FleetState.valueOf(rs.getString("verdict").toUpperCase(
                java.util.Locale.ROOT)), FailureClass.fromId(rs.getString("primary_class")),
                rs.getString("signature"), rs.getString("evidence"), rs.getString("hint"),
                agents.isEmpty() ? List.of() : Arrays.asList(agents.split(",")),
                Instant.ofEpochMilli(rs.getLong("first_seen_ms")), Instant.ofEpochMilli(rs.getLong("last_seen_ms")),
                Instant.ofEpochMilli(rs.getLong("opened_ms")), resolvedNull ? null : Instant.ofEpochMilli(resolved),
                rs.getInt("flaps"), List.of(), rs.getInt("events_dropped"));
    }
}
