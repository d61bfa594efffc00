package dev.reflex.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.app.App;
import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.EmbeddedReflex;
import dev.reflex.testkit.Http;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of tests of endpoints over real HTTP against an embedded server that requires API keys:
 * a user key ({@link #KEY}), an admin key ({@link #ADMIN}), and clients without a key ({@link #anon})
 * and with the user's ({@link #user}), started before each test and stopped after it.
 */
abstract class KeyedApiTest {

    static final String KEY = "user-key-0123456789";
    static final String ADMIN = "admin-key-0123456789";

    @TempDir
    Path dir;
    App app;
    Http anon;
    Http user;

    @BeforeEach
    void startServer() throws Exception {
        app = EmbeddedReflex.startWithKeys(dir, List.of(new ReflexConfig.ApiKey("ops", KEY, false),
                new ReflexConfig.ApiKey("root", ADMIN, true)));
        anon = Http.local(app.httpPort());
        user = anon.with("St2-Api-Key", KEY);
    }

    @AfterEach
    void stopServer() {
        app.close();
    }

    /** A response body as JSON. */
    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }
}
