package dev.reflex.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reflex.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The key-value datastore's contract, run by every backend through {@link StoreContractTest}: plain
 * and secret entries, prefixes, expiry on the injected clock, and the secret key file.
 */
interface KeyValueContract {

    String SECRET = "hunter2-correct-horse";

    JdbcStore store();

    MutableClock clock();

    Path dataDir();

    JdbcStore reopen() throws Exception;

    private KeyValueStore kv() {
        return store().keyValues();
    }

    @Test
    default void putThenGetReturnsTheEntry() {
        KeyValue stored = kv().put("app.mode", "blue", false, null);
        assertThat(stored).isEqualTo(new KeyValue("app.mode", "blue", false, null, clock().instant()));
        assertThat(kv().get("app.mode")).hasValue(stored);
        assertThat(kv().get("app.other")).isEmpty();
    }

    @Test
    default void putOverwritesValueFlagsExpiryAndTime() {
        kv().put("k", "one", true, Duration.ofMinutes(5));
        clock().advance(Duration.ofSeconds(3));
        KeyValue second = kv().put("k", "two", false, null);
        assertThat(second.updatedAt()).isEqualTo(clock().instant());
        assertThat(kv().get("k")).hasValue(second);
        assertThat(kv().list("")).containsExactly(second);
    }

    @Test
    default void listReturnsLiveEntriesUnderAPrefixInNameOrder() {
        for (String name : List.of("a.2", "a.10", "a.1", "ab", "A.x", "b", "a_1", "a%", "é.1", "é2")) {
            kv().put(name, "v:" + name, false, null);
        }
        assertThat(kv().list("a.")).extracting(KeyValue::name).containsExactly("a.1", "a.10", "a.2");
        assertThat(kv().list("a_")).extracting(KeyValue::name).containsExactly("a_1");
        assertThat(kv().list("a%")).extracting(KeyValue::name).containsExactly("a%");
        assertThat(kv().list("é.")).extracting(KeyValue::name).containsExactly("é.1");
        assertThat(kv().list("A")).extracting(KeyValue::name).containsExactly("A.x");
        assertThat(kv().list("zzz")).isEmpty();
        assertThat(kv().list("")).extracting(KeyValue::name)
                .containsExactly("A.x", "a%", "a.1", "a.10", "a.2", "a_1", "ab", "b", "é.1", "é2");
        assertThat(kv().list("a.1")).extracting(KeyValue::value).containsExactly("v:a.1", "v:a.10");
    }

    @Test
    default void deleteReportsWhetherALiveEntryExisted() {
        kv().put("gone", "x", false, null);
        assertThat(kv().delete("gone")).isTrue();
        assertThat(kv().get("gone")).isEmpty();
        assertThat(kv().delete("gone")).isFalse();
        assertThat(kv().delete("never")).isFalse();
    }

    @Test
    default void secretsRoundTripAndAreEncryptedAtRest() throws SQLException {
        KeyValue stored = kv().put("db.password", SECRET, true, null);
        assertThat(stored.value()).isEqualTo(SECRET);
        assertThat(kv().get("db.password")).map(KeyValue::value).hasValue(SECRET);
        assertThat(kv().list("db.")).extracting(KeyValue::value).containsExactly(SECRET);

        String raw = rawValue("db.password");
        assertThat(raw).doesNotContain(SECRET).doesNotContain("hunter2");
        byte[] sealed = Base64.getDecoder().decode(raw);
        assertThat(sealed).hasSize(1 + 12 + SECRET.getBytes(StandardCharsets.UTF_8).length + 16);

        kv().put("db.password", SECRET, true, null);
        assertThat(rawValue("db.password")).as("a fresh nonce for every write").isNotEqualTo(raw);

        assertThat(stored.masked().value()).isEqualTo(KeyValue.MASK);
        assertThat(stored.toString()).doesNotContain(SECRET);
    }

    @Test
    default void theKeyFileIsCreatedOwnerOnlyWhenTheFirstSecretIsStored() throws Exception {
        Path keyFile = dataDir().resolve(Stores.KEY_FILE);
        kv().put("plain", "p", false, null);
        assertThat(keyFile).doesNotExist();
        kv().put("token", SECRET, true, null);
        assertThat(keyFile).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).hasSize(32);
    }

    @Test
    default void aMissingKeyFileWithStoredSecretsIsAClearErrorNotANewKey() throws Exception {
        kv().put("token", SECRET, true, null);
        kv().put("plain", "p", false, null);
        Path keyFile = dataDir().resolve(Stores.KEY_FILE);
        reopen();
        Files.delete(keyFile);

        assertThatThrownBy(() -> kv().get("token")).isInstanceOf(StoreException.class)
                .hasMessageContaining(keyFile.toString()).hasMessageContaining("missing")
                .message().doesNotContain(SECRET);
        assertThatThrownBy(() -> kv().put("token2", "other", true, null)).isInstanceOf(StoreException.class)
                .hasMessageContaining("missing");
        assertThat(keyFile).doesNotExist();
        assertThat(kv().get("plain")).map(KeyValue::value).hasValue("p");
    }

    @Test
    default void aKeyFileThatDoesNotMatchTheStoredSecretsIsAClearError() throws Exception {
        kv().put("token", SECRET, true, null);
        Path keyFile = dataDir().resolve(Stores.KEY_FILE);
        reopen();
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(new byte[32]) + "\n");

        assertThatThrownBy(() -> kv().get("token")).isInstanceOf(StoreException.class)
                .hasMessageContaining("not the key they were encrypted with").message().doesNotContain(SECRET);
    }

    @Test
    default void aCiphertextMovedToAnotherNameDoesNotDecrypt() throws SQLException {
        kv().put("first", SECRET, true, null);
        kv().put("second", "other secret", true, null);
        String sealed = rawValue("first");
        store().write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE kv_pair SET value = ? WHERE name = 'second'")) {
                ps.setString(1, sealed);
                return ps.executeUpdate();
            }
        });
        assertThatThrownBy(() -> kv().get("second")).isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot be decrypted").message().doesNotContain(SECRET);
    }

    @Test
    default void entriesExpireOnTheInjectedClockAndArePurged() throws SQLException {
        KeyValue lease = kv().put("lease", "held", false, Duration.ofSeconds(10));
        kv().put("forever", "stays", false, null);
        assertThat(lease.expiresAt()).isEqualTo(clock().instant().plusSeconds(10));

        clock().advance(Duration.ofMillis(9_999));
        assertThat(kv().get("lease")).isPresent();
        assertThat(kv().purgeExpired()).isZero();

        clock().advance(Duration.ofMillis(1));
        assertThat(kv().get("lease")).isEmpty();
        assertThat(kv().list("")).extracting(KeyValue::name).containsExactly("forever");
        assertThat(rawCount()).as("invisible but not yet purged").isEqualTo(2);
        assertThat(kv().purgeExpired()).isEqualTo(1);
        assertThat(rawCount()).isEqualTo(1);
    }

    @Test
    default void deletingAnExpiredEntryReportsNothingAndRemovesTheRow() throws SQLException {
        kv().put("short", "x", false, Duration.ofSeconds(1));
        clock().advance(Duration.ofSeconds(2));
        assertThat(kv().delete("short")).isFalse();
        assertThat(rawCount()).isZero();
    }

    @Test
    default void invalidArgumentsAreRefused() {
        assertThatThrownBy(() -> kv().put("k", "v", false, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kv().put("k", "v", false, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kv().put("", "v", false, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kv().put("k", null, false, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    default void secretValuesReachNeitherLogsNorExceptionMessages() throws Exception {
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = LogCapture.everything()) {
            kv().put("s", SECRET, true, Duration.ofMinutes(1));
            seen.add(kv().get("s").orElseThrow().toString());
            seen.add(kv().list("").toString());
            reopen();
            Files.writeString(dataDir().resolve(Stores.KEY_FILE), Base64.getEncoder().encodeToString(new byte[32]));
            seen.add(messageOf(() -> kv().get("s")));
            seen.add(messageOf(() -> kv().list("")));
            seen.add(messageOf(() -> kv().put("t", SECRET, true, null)));
            assertThat(logs.messages()).as("the capture works").anyMatch(m -> m.contains("created the secret key file"));
            seen.addAll(logs.messages());
        }
        assertThat(seen).noneMatch(text -> text.contains(SECRET));
    }

    private static String messageOf(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            StringBuilder all = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                all.append(t).append('\n');
            }
            return all.toString();
        }
        throw new AssertionError("expected a failure");
    }

    private String rawValue(String name) throws SQLException {
        try (Connection c = store().readers().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT value FROM kv_pair WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("row %s exists", name).isTrue();
                return rs.getString(1);
            }
        }
    }

    private long rawCount() throws SQLException {
        try (Connection c = store().readers().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM kv_pair")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
