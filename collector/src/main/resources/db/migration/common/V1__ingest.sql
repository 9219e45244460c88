-- Ingest (issue 7). Portable SQL: SQLite and PostgreSQL both run this file. Times are epoch milliseconds (UTC).
-- Dialect directories hold what only one of them runs. V1..V49 belong to ingest, V50..V99 to the fleet.

-- One row per agent that ever reported: sequence accounting and its latest health snapshot.
CREATE TABLE agents (
    id               TEXT PRIMARY KEY,
    version          TEXT,
    last_seen_ms     BIGINT,
    health_sent_ms   BIGINT,
    health           TEXT,
    first_seq        BIGINT NOT NULL DEFAULT 0,
    last_seq         BIGINT NOT NULL DEFAULT 0,
    received         BIGINT NOT NULL DEFAULT 0,
    declared_dropped BIGINT NOT NULL DEFAULT 0,
    ranges_merged    BIGINT NOT NULL DEFAULT 0
);

-- Disjoint, non-adjacent ranges of sequences accounted for (received or declared dropped), per agent. A replay is
-- recognised here, so it stays a replay after its rows were pruned. Bounded per agent (see SqlStore.MAX_RANGES).
CREATE TABLE seq_ranges (
    agent    TEXT   NOT NULL,
    from_seq BIGINT NOT NULL,
    to_seq   BIGINT NOT NULL,
    PRIMARY KEY (agent, from_seq)
);

-- Every target name that appeared in a result, with its latest labels (written only when they change).
CREATE TABLE targets (
    name          TEXT PRIMARY KEY,
    labels        TEXT   NOT NULL,
    first_seen_ms BIGINT NOT NULL
);

-- History: one row per check result, without evidence. Pruned by age, rows per target and the byte cap.
CREATE TABLE results (
    agent       TEXT    NOT NULL,
    seq         BIGINT  NOT NULL,
    target      TEXT    NOT NULL,
    time_ms     BIGINT  NOT NULL,
    verdict     TEXT    NOT NULL,
    class       TEXT,
    status      INTEGER,
    duration_ms BIGINT,
    PRIMARY KEY (agent, seq)
);
CREATE INDEX results_target_time ON results (target, time_ms);
CREATE INDEX results_time ON results (time_ms);

-- History: state transitions as the agents decided them. Pruned by age and the byte cap.
CREATE TABLE state_changes (
    agent      TEXT   NOT NULL,
    seq        BIGINT NOT NULL,
    target     TEXT   NOT NULL,
    time_ms    BIGINT NOT NULL,
    from_state TEXT   NOT NULL,
    to_state   TEXT   NOT NULL,
    class      TEXT,
    signature  TEXT,
    evidence   TEXT,
    PRIMARY KEY (agent, seq)
);
CREATE INDEX state_changes_time ON state_changes (time_ms);

-- Latest state: the newest result per (target, agent), with its evidence (the whole result as wire JSON).
-- Never pruned: it is what the API, consensus and the status page stand on.
CREATE TABLE latest (
    target      TEXT   NOT NULL,
    agent       TEXT   NOT NULL,
    seq         BIGINT NOT NULL,
    time_ms     BIGINT NOT NULL,
    received_ms BIGINT NOT NULL,
    verdict     TEXT   NOT NULL,
    result      TEXT   NOT NULL,
    PRIMARY KEY (target, agent)
);
