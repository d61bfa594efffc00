package dev.reflex.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reflex.app.App;
import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.EmbeddedReflex;
import dev.reflex.testkit.Http;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys: where they are accepted, when they are required, and what an admin key adds. */
class AuthTest {

    static final String USER_KEY = "user-key-123";
    static final String ADMIN_KEY = "admin-key-456";

    @TempDir
    static Path data;
    static App app;
    static Http anon;

    @BeforeAll
    static void start() throws Exception {
        app = EmbeddedReflex.startWithKeys(data, List.of(new ReflexConfig.ApiKey("ops", USER_KEY, false),
                new ReflexConfig.ApiKey("root", ADMIN_KEY, true)));
        anon = Http.local(app.httpPort());
        anon.with("St2-Api-Key", ADMIN_KEY).put("/api/v1/keys/db_password", "{\"value\": \"pa55\", \"secret\": true}");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void probes_are_public_and_everything_else_needs_a_key() {
        assertThat(anon.get("/api/v1/health").statusCode()).isEqualTo(200);
        assertThat(anon.get("/api/v1/ready").statusCode()).isEqualTo(200);
        assertThat(anon.get("/api/v1/openapi.json").statusCode()).isEqualTo(200);
        assertThat(anon.get("/api/v1/keys").statusCode()).isEqualTo(401);
        assertThat(anon.get("/metrics").statusCode()).isEqualTo(401);
        assertThat(anon.with("St2-Api-Key", "wrong").get("/api/v1/keys").statusCode()).isEqualTo(401);
    }

    @Test
    void a_key_is_accepted_from_each_header_and_the_query() {
        assertThat(anon.with("St2-Api-Key", USER_KEY).get("/api/v1/keys").statusCode()).isEqualTo(200);
        assertThat(anon.with("X-Auth-Token", USER_KEY).get("/api/v1/keys").statusCode()).isEqualTo(200);
        assertThat(anon.with("Authorization", "Bearer " + USER_KEY).get("/api/v1/keys").statusCode()).isEqualTo(200);
        assertThat(anon.get("/api/v1/keys?st2-api-key=" + USER_KEY).statusCode()).isEqualTo(200);
        assertThat(anon.with("Authorization", "Basic " + USER_KEY).get("/api/v1/keys").statusCode()).isEqualTo(401);
    }

    @Test
    void only_an_admin_key_decrypts_secrets() {
        Http user = anon.with("St2-Api-Key", USER_KEY);
        Http admin = anon.with("St2-Api-Key", ADMIN_KEY);
        assertThat(user.get("/api/v1/keys/db_password").body()).contains("********").doesNotContain("pa55");
        assertThat(user.get("/api/v1/keys/db_password?decrypt=true").statusCode()).isEqualTo(403);
        assertThat(admin.get("/api/v1/keys/db_password?decrypt=true").body()).contains("\"value\":\"pa55\"");
        assertThat(admin.get("/api/v1/keys?decrypt=true").body()).contains("pa55");
        assertThat(user.get("/api/v1/keys").body()).doesNotContain("pa55");
    }

    @Test
    void an_exposed_listener_without_keys_refuses_to_start() {
        ReflexConfig exposed = EmbeddedReflex.config(data.resolve("other"))
                .withHttp(new ReflexConfig.Http("0.0.0.0", 0, 1024, null));
        assertThatThrownBy(() -> new App(exposed, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no api_keys are configured");
    }

    @Test
    void loopback_names_are_recognised() {
        assertThat(Auth.isLoopback("127.0.0.1")).isTrue();
        assertThat(Auth.isLoopback("localhost")).isTrue();
        assertThat(Auth.isLoopback("::1")).isTrue();
        assertThat(Auth.isLoopback("0.0.0.0")).isFalse();
        assertThat(Auth.isLoopback("")).isFalse();
    }
}
