-- Workflow state (action-chain and graph workflows): one row per workflow execution, rewritten at each
-- task transition in the same write as nothing else, so that a restarted server carries on from the
-- last recorded transition. doc is the orchestrator's own JSON; the executions of the tasks are rows of
-- the execution table with parent_id set to the workflow's execution id.
CREATE TABLE workflow_state (
    execution_id TEXT    NOT NULL PRIMARY KEY,
    runner       TEXT    NOT NULL,
    doc          TEXT    NOT NULL,
    updated_at   BIGINT  NOT NULL
);

-- Inquiries (core.ask): the question, its schema, the answer when given.
CREATE TABLE inquiry (
    id           TEXT    NOT NULL PRIMARY KEY,
    parent_id    TEXT,
    status       TEXT    NOT NULL,
    expires_at   BIGINT,
    doc          TEXT    NOT NULL
);
