-- fleet (issue 8): incidents, their timelines and the notification outbox. Times are epoch milliseconds, so both
-- dialects store and compare them the same way.

CREATE TABLE watchpost_incidents (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    target          TEXT    NOT NULL,
    site            TEXT    NOT NULL,
    team            TEXT    NOT NULL,
    state           TEXT    NOT NULL,            -- open | resolved
    -- The target's name while the incident is open, NULL once resolved: at most one open incident per target, even
    -- with several collectors on one PostgreSQL (NULLs never collide in a UNIQUE column).
    open_key        TEXT    UNIQUE,
    verdict         TEXT    NOT NULL,            -- down | degraded
    primary_class   TEXT    NOT NULL,
    signature       TEXT    NOT NULL,
    evidence        TEXT    NOT NULL,
    hint            TEXT    NOT NULL,
    agents          TEXT    NOT NULL,            -- comma-separated agent ids that agreed
    first_seen_ms   BIGINT  NOT NULL,
    last_seen_ms    BIGINT  NOT NULL,
    opened_ms       BIGINT  NOT NULL,
    resolved_ms     BIGINT,
    flaps           INTEGER NOT NULL DEFAULT 0,
    events          INTEGER NOT NULL DEFAULT 0,
    events_dropped  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX watchpost_incidents_resolved ON watchpost_incidents (resolved_ms);
CREATE INDEX watchpost_incidents_target ON watchpost_incidents (target, opened_ms);

CREATE TABLE watchpost_incident_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id     BIGINT  NOT NULL REFERENCES watchpost_incidents (id) ON DELETE CASCADE,
    time_ms         BIGINT  NOT NULL,
    kind            TEXT    NOT NULL,
    detail          TEXT    NOT NULL
);
CREATE INDEX watchpost_incident_events_incident ON watchpost_incident_events (incident_id, id);

CREATE TABLE watchpost_outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id     BIGINT  NOT NULL,
    channel         TEXT    NOT NULL,            -- alertmanager | webhook
    endpoint        TEXT    NOT NULL,            -- the receiver's URL as configured
    event           TEXT    NOT NULL,            -- firing | resolved (alertmanager); opened | updated | resolved (webhook)
    alertname       TEXT    NOT NULL,            -- the identity Alertmanager knows the alert by
    alert_class     TEXT    NOT NULL,
    state           TEXT    NOT NULL,            -- pending | sending | done | superseded | rejected
    due_ms          BIGINT  NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    repeats_left    INTEGER NOT NULL DEFAULT 0,
    claim_token     TEXT,
    lease_ms        BIGINT,
    created_ms      BIGINT  NOT NULL,
    done_ms         BIGINT,
    last_error      TEXT
);
CREATE INDEX watchpost_outbox_due ON watchpost_outbox (state, due_ms);
CREATE INDEX watchpost_outbox_incident ON watchpost_outbox (incident_id);
CREATE INDEX watchpost_outbox_claim ON watchpost_outbox (claim_token);
