package dev.reflex.rules.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.config.ReflexConfig;
import dev.reflex.rules.RuleEnforcement;
import dev.reflex.rules.store.EnforcementIndexer;
import dev.reflex.rules.store.EnforcementQuery;
import dev.reflex.rules.store.EnforcementRepository;
import dev.reflex.rules.store.StoredEnforcement;
import dev.reflex.store.StoreStats;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The trigger and rule store contract on the embedded SQLite database. */
class SqliteTriggerStoreTest extends TriggerStoreContract {

    @Override
    ReflexConfig.StoreSettings settings() {
        return ReflexConfig.StoreSettings.defaults();
    }

    @Test
    void theIndexByRuleCatchesUpAChunkPerWriteSoThatNoWriteHoldsTheWriterLong() throws Exception {
        store.write(c -> {
            for (int n = 0; n < 25; n++) {
                EnforcementRepository.insert(c, new RuleEnforcement("enf-" + String.format("%02d", n), "ti-" + n,
                        n % 2 == 0 ? "p.even" : "p.odd", null, null, null, null, RuleEnforcement.Status.SUCCEEDED, null,
                        clock.instant().plusMillis(n)), null);
            }
            return null;
        });
        EnforcementIndexer indexer = new EnforcementIndexer(store, Duration.ofSeconds(1), 10);
        StoreStats before = store.stats();
        assertThat(indexer.catchUp().get(20, TimeUnit.SECONDS)).isEqualTo(25);
        assertThat(store.stats().writes() - before.writes()).as("chunks of 10, 10 and 5 rows").isEqualTo(3);
        long indexed;
        try (var c = store.readers().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT (SELECT count(*) FROM rule_enforcement_by_rule), "
                     + "(SELECT upto FROM rule_enforcement_indexed) = (SELECT max(rowid) FROM rule_enforcement)")) {
            rs.next();
            indexed = rs.getLong(1);
            assertThat(rs.getBoolean(2)).as("the mark is at the newest row").isTrue();
        }
        assertThat(indexed).isEqualTo(25);
        assertThat(new EnforcementRepository(store).list(new EnforcementQuery("p.odd", null, null, null, null, null, 3, 0)))
                .extracting(StoredEnforcement::id).containsExactly("enf-23", "enf-21", "enf-19");
        before = store.stats();
        assertThat(indexer.catchUp().get(20, TimeUnit.SECONDS)).as("nothing new").isZero();
        assertThat(store.stats().writes() - before.writes()).isEqualTo(1);
    }
}
