-- Executions (StackStorm's action executions). Times are epoch microseconds (UTC). The columns are
-- what listings filter and sort on; doc holds the rest as JSON: runner, parameters (unmasked, so that
-- a requested execution can still run after a restart), secret names, result, context, children and
-- the status log. Every status transition rewrites the row in the same transaction as its log entry.
CREATE TABLE execution (
    id                  TEXT    NOT NULL PRIMARY KEY,
    action_ref          TEXT    NOT NULL,
    status              TEXT    NOT NULL,
    start_ts            BIGINT NOT NULL,
    end_ts              BIGINT,
    parent_id           TEXT,
    rule_ref            TEXT,
    trigger_instance_id TEXT,
    user_name           TEXT,
    doc                 TEXT    NOT NULL
);

CREATE INDEX execution_start ON execution (start_ts);
CREATE INDEX execution_action ON execution (action_ref, start_ts);
CREATE INDEX execution_status ON execution (status, start_ts);
CREATE INDEX execution_parent ON execution (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX execution_rule ON execution (rule_ref) WHERE rule_ref IS NOT NULL;
CREATE INDEX execution_trigger_instance ON execution (trigger_instance_id) WHERE trigger_instance_id IS NOT NULL;

-- Actions and policies created through the API (those of packs are read from their files at start).
-- doc is the metadata as JSON, in StackStorm's format.
CREATE TABLE action_def (
    ref        TEXT    NOT NULL PRIMARY KEY,
    doc        TEXT    NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE policy_def (
    ref        TEXT    NOT NULL PRIMARY KEY,
    doc        TEXT    NOT NULL,
    updated_at BIGINT NOT NULL
);
