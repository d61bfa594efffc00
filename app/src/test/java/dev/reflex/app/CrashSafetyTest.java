package dev.reflex.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.testkit.Http;
import dev.reflex.testkit.ReflexProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the API acknowledged survives SIGKILL; SIGTERM stops the server cleanly. */
class CrashSafetyTest {

    @TempDir
    Path data;

    @Test
    void keys_acknowledged_before_a_sigkill_are_there_after_a_restart() throws Exception {
        try (ReflexProcess first = ReflexProcess.start(data)) {
            Http http = Http.local(first.port());
            for (int i = 0; i < 50; i++) {
                HttpResponse<String> r = http.put("/api/v1/keys/k" + i, "{\"value\": \"v" + i + "\", \"secret\": " + (i % 2 == 0) + "}");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
            first.kill();
        }
        try (ReflexProcess second = ReflexProcess.start(data)) {
            Http http = Http.local(second.port());
            for (int i = 0; i < 50; i++) {
                HttpResponse<String> r = http.get("/api/v1/keys/k" + i);
                assertThat(r.statusCode()).as("key k%d after SIGKILL: %s", i, r.body()).isEqualTo(200);
                if (i % 2 == 1) {
                    assertThat(r.body()).contains("\"value\":\"v" + i + "\"");
                }
            }
        }
    }

    @Test
    void sigterm_stops_the_server_cleanly_and_releases_the_data_directory() throws Exception {
        ReflexProcess server = ReflexProcess.start(data);
        assertThat(server.terminate()).isZero();
        assertThat(server.output()).contains("Reflex stopped");
        try (ReflexProcess again = ReflexProcess.start(data)) {
            assertThat(Http.local(again.port()).get("/api/v1/health").statusCode()).isEqualTo(200);
        }
    }
}
