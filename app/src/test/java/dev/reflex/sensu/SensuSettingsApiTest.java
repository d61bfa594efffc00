package dev.reflex.sensu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.checks.JsonValues;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /sensu/settings}: the settings as loaded, with the values of sensitive keys redacted. */
class SensuSettingsApiTest {

    @TempDir
    Path dir;
    SensuHarness server;

    @BeforeEach
    void start() throws Exception {
        server = new SensuHarness(dir, """
                {"checks": {"disk": {"command": "check_disk -w 80", "subscribers": ["linux"], "interval": 60}},
                 "handlers": {"mail": {"type": "pipe", "command": "mailer", "smtp": {"user": "ops", "password": "hunter2"}},
                              "pd": {"type": "pipe", "command": "pagerduty", "api_key": "k-123"}}}""");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theSettingsAreAnsweredWithSecretsRedacted() {
        Map<String, Object> settings = JsonValues.asMap(server.get("/sensu/settings"));
        Map<String, Object> checks = JsonValues.asMap(settings.get("checks"));
        assertThat(JsonValues.asMap(checks.get("disk")).get("command")).isEqualTo("check_disk -w 80");
        Map<String, Object> handlers = JsonValues.asMap(settings.get("handlers"));
        Map<String, Object> smtp = JsonValues.asMap(JsonValues.asMap(handlers.get("mail")).get("smtp"));
        assertThat(smtp).containsEntry("user", "ops").containsEntry("password", "REDACTED");
        assertThat(JsonValues.asMap(handlers.get("pd"))).containsEntry("api_key", "REDACTED");

        String unredacted = server.http().get("/sensu/settings?redacted=false").body();
        assertThat(unredacted).as("Sensu would answer the secrets; Reflex never does").doesNotContain("hunter2")
                .doesNotContain("k-123").contains("REDACTED");
    }
}
