-- The Sensu event processor's state (dev.reflex.events.jdbc). The engine keeps it in memory and writes
-- every change here through group commit before a result is acknowledged; these rows are read back
-- at start. Bodies are JSON documents in Sensu's shapes; times are epoch seconds.
CREATE TABLE sensu_results (
    client TEXT NOT NULL,
    check_name TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (client, check_name)
);

CREATE TABLE sensu_events (
    client TEXT NOT NULL,
    check_name TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (client, check_name)
);

CREATE TABLE sensu_aggregates (
    aggregate TEXT NOT NULL,
    client TEXT NOT NULL,
    check_name TEXT NOT NULL,
    PRIMARY KEY (aggregate, client, check_name)
);

CREATE TABLE sensu_clients (
    name TEXT NOT NULL PRIMARY KEY,
    body TEXT NOT NULL
);

-- The first signature seen for each client name (kept when the client is deleted).
CREATE TABLE sensu_signatures (
    name TEXT NOT NULL PRIMARY KEY,
    signature TEXT NOT NULL
);

CREATE TABLE sensu_silences (
    id TEXT NOT NULL PRIMARY KEY,
    body TEXT NOT NULL,
    expires_at BIGINT
);

-- Singleton tasks (the check scheduler, the keepalive and TTL sweeps): one holder at a time, until
-- expires_at (epoch milliseconds) unless renewed.
CREATE TABLE sensu_leases (
    name TEXT NOT NULL PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
