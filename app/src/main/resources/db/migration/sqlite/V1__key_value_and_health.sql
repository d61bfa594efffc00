-- The key-value datastore (StackStorm's st2kv.system scope). Times are epoch milliseconds (UTC).
-- A secret row holds base64(version || 96-bit nonce || AES-GCM ciphertext and tag), never plain text.
CREATE TABLE kv_pair (
    name       TEXT    NOT NULL PRIMARY KEY,
    value      TEXT    NOT NULL,
    secret     INTEGER NOT NULL CHECK (secret IN (0, 1)),
    expires_at INTEGER,
    updated_at INTEGER NOT NULL
);

CREATE INDEX kv_pair_expires_at ON kv_pair (expires_at) WHERE expires_at IS NOT NULL;

-- One row per running store instance, rewritten by Store.check(): proves that the writer commits and
-- that the readers see the commit. Rows of instances gone for a day are deleted by the next check.
CREATE TABLE store_health (
    node       TEXT    NOT NULL PRIMARY KEY,
    token      TEXT    NOT NULL,
    checked_at INTEGER NOT NULL
);
