-- Sensu's stashes: a JSON object kept under a path (any text, slashes included), with an optional
-- expiry (epoch seconds; NULL for none).
CREATE TABLE sensu_stashes (
    path TEXT NOT NULL PRIMARY KEY,
    body TEXT NOT NULL,
    expires_at INTEGER
);
