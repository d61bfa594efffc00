package dev.reflex.store;

import dev.reflex.config.JdbcUrls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reflex.config.ReflexConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Choosing the backend from the settings, refusing bad settings, and keeping credentials out of messages. */
class StoresTest {

    private static final Path DATA = Path.of("/nonexistent/reflex-data");
    private static final ReflexConfig.StoreSettings DEFAULTS = ReflexConfig.StoreSettings.defaults();

    @Test
    void noUrlMeansTheEmbeddedSqliteFileInTheDataDirectory() {
        JdbcStore store = Stores.open(DEFAULTS, DATA, Clock.systemUTC());
        assertThat(store.dialect()).isEqualTo(Store.Dialect.SQLITE);
        assertThat(store.toString()).contains(DATA.resolve("reflex.db").toString());
    }

    @Test
    void aPostgresUrlSelectsPostgresAndItsPasswordIsNeverShown() {
        JdbcStore store = Stores.open(DEFAULTS.withUrl("jdbc:postgresql://db:5432/reflex?user=r&password=pw-123",
                "r", "pw-456"), DATA, Clock.systemUTC());
        assertThat(store.dialect()).isEqualTo(Store.Dialect.POSTGRESQL);
        assertThat(store.toString()).contains("jdbc:postgresql://db:5432/reflex").doesNotContain("pw-123", "pw-456");
    }

    @Test
    void anUnsupportedUrlIsRefusedWithoutRepeatingItsCredentials() {
        assertThatThrownBy(() -> Stores.open(DEFAULTS.withUrl("jdbc:mysql://admin:pw-789@db/reflex?password=pw-000",
                null, null), DATA, Clock.systemUTC()))
                .isInstanceOf(StoreException.class).hasMessageContaining("unsupported store URL jdbc:mysql://")
                .message().doesNotContain("pw-789", "pw-000", "admin");
    }

    @Test
    void inMemoryOrParameterisedSqliteUrlsAreRefused() {
        for (String url : new String[] {"jdbc:sqlite::memory:", "jdbc:sqlite:file:x.db?mode=memory", "jdbc:sqlite:"}) {
            assertThatThrownBy(() -> Stores.open(DEFAULTS.withUrl(url, null, null), DATA, Clock.systemUTC()))
                    .as(url).isInstanceOf(StoreException.class).hasMessageContaining("path of a file");
        }
    }

    @Test
    void settingsThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> Stores.open(new ReflexConfig.StoreSettings(null, null, null, 0, Duration.ZERO, 10),
                DATA, Clock.systemUTC())).hasMessageContaining("poolSize");
        assertThatThrownBy(() -> Stores.open(new ReflexConfig.StoreSettings(null, null, null, 2, Duration.ZERO, 0),
                DATA, Clock.systemUTC())).hasMessageContaining("maxBatch");
        assertThatThrownBy(() -> Stores.open(new ReflexConfig.StoreSettings(null, null, null, 2, Duration.ofMillis(-1),
                10), DATA, Clock.systemUTC())).hasMessageContaining("commitWindow");
    }

    @Test
    void startFailsClearlyWhenPostgresIsUnreachable() {
        JdbcStore store = Stores.open(DEFAULTS.withUrl("jdbc:postgresql://127.0.0.1:1/reflex?connectTimeout=2",
                "reflex", "pw-321"), DATA, Clock.systemUTC());
        assertThatThrownBy(store::start).isInstanceOf(StoreException.class)
                .hasMessageContaining("migrating the schema of postgresql jdbc:postgresql://127.0.0.1:1/reflex")
                .message().doesNotContain("pw-321");
        assertThatThrownBy(() -> store.write(c -> 1)).isInstanceOf(StoreException.class)
                .hasMessageContaining("not started");
    }

    @Test
    void redactionMasksUserInfoAndPasswordParameters() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://u:p@h:5432/db?ssl=true&password=s3&sslpassword=s4"))
                .isEqualTo("jdbc:postgresql://****@h:5432/db?ssl=true&password=****&sslpassword=****");
        assertThat(JdbcUrls.redact("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
        assertThat(JdbcUrls.redact(null)).isNull();
    }
}
