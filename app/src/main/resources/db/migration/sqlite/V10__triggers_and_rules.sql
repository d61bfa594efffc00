-- Triggers and rules. Times are epoch milliseconds (UTC); documents are JSON text.

-- Trigger types registered through the API (built-in and pack types are registered at start).
CREATE TABLE trigger_type (
    ref               TEXT    NOT NULL PRIMARY KEY,
    pack              TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    description       TEXT,
    payload_schema    TEXT,
    parameters_schema TEXT,
    tags              TEXT    NOT NULL,
    updated_at        INTEGER NOT NULL
);

-- Triggers (a type plus parameters), recorded when a rule that uses one is stored or loaded.
CREATE TABLE trigger_def (
    ref        TEXT    NOT NULL PRIMARY KEY,
    pack       TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    type       TEXT    NOT NULL,
    parameters TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);

-- One occurrence of a trigger. Status: pending -> processing -> processed | processing_failed.
CREATE TABLE trigger_instance (
    id              TEXT    NOT NULL PRIMARY KEY,
    trigger_ref     TEXT    NOT NULL,
    trigger_type    TEXT    NOT NULL,
    trigger_params  TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    occurrence_time INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    trace_tag       TEXT,
    seq             INTEGER NOT NULL
);

CREATE INDEX trigger_instance_time ON trigger_instance (occurrence_time, seq);
CREATE INDEX trigger_instance_trigger ON trigger_instance (trigger_ref, occurrence_time);
CREATE INDEX trigger_instance_open ON trigger_instance (status) WHERE status IN ('pending', 'processing');

-- Rules: the definition as JSON (StackStorm's shape), where it came from, whether it is enabled.
CREATE TABLE rule_def (
    ref         TEXT    NOT NULL PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    pack        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    enabled     INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    definition  TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    source_file TEXT,
    updated_at  INTEGER NOT NULL
);

-- The record of one rule firing (or failing to) for one trigger instance.
CREATE TABLE rule_enforcement (
    id                  TEXT    NOT NULL PRIMARY KEY,
    trigger_instance_id TEXT    NOT NULL,
    rule_ref            TEXT    NOT NULL,
    rule_id             TEXT,
    rule_snapshot       TEXT    NOT NULL,
    execution_id        TEXT,
    execution_request   TEXT,
    status              TEXT    NOT NULL,
    failure_reason      TEXT,
    enforced_at         INTEGER NOT NULL,
    seq                 INTEGER NOT NULL
);

CREATE INDEX rule_enforcement_time ON rule_enforcement (enforced_at, seq);
CREATE INDEX rule_enforcement_instance ON rule_enforcement (trigger_instance_id);
CREATE INDEX rule_enforcement_rule ON rule_enforcement (rule_ref, enforced_at);

-- Singleton leases (the timer service): one holder at a time until expires_at, renewed by the holder.
CREATE TABLE singleton_lease (
    name       TEXT    NOT NULL PRIMARY KEY,
    holder     TEXT    NOT NULL,
    expires_at INTEGER NOT NULL
);
