-- Rule enforcements by rule, indexed behind the writes. An index on rule_enforcement (rule_ref, ...)
-- takes each new enforcement into the leaf of its rule's range: with a hundred rules firing, every
-- commit rewrote dozens of scattered index pages, about half of what the webhook path wrote. The
-- entries are now copied in bulk, in rule order, by a job that runs every second
-- (EnforcementIndexer); rule_enforcement_indexed holds the rowid of rule_enforcement up to which the
-- copy is complete, and queries by rule read the newer rows from the table itself.
CREATE TABLE rule_enforcement_by_rule (
    rule_ref    TEXT    NOT NULL,
    enforced_at INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    id          TEXT    NOT NULL,
    PRIMARY KEY (rule_ref, enforced_at, seq, id)
) WITHOUT ROWID;

CREATE TABLE rule_enforcement_indexed (
    upto INTEGER NOT NULL
);

INSERT INTO rule_enforcement_by_rule (rule_ref, enforced_at, seq, id)
    SELECT rule_ref, enforced_at, seq, id FROM rule_enforcement;
INSERT INTO rule_enforcement_indexed (upto) SELECT coalesce(max(rowid), 0) FROM rule_enforcement;

DROP INDEX rule_enforcement_rule;
