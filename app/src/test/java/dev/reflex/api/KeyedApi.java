package dev.reflex.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.app.App;
import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.EmbeddedReflex;
import dev.reflex.testkit.Http;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

/**
 * An embedded server that requires API keys, for tests of the endpoints over real HTTP: a user key
 * ({@link #KEY}), an admin key ({@link #ADMIN}), and clients without a key and with the user's.
 */
final class KeyedApi implements AutoCloseable {

    static final String KEY = "user-key-0123456789";
    static final String ADMIN = "admin-key-0123456789";

    final App app;
    final Http anon;
    final Http user;

    KeyedApi(Path dir) throws Exception {
        app = EmbeddedReflex.startWithKeys(dir, List.of(new ReflexConfig.ApiKey("ops", KEY, false),
                new ReflexConfig.ApiKey("root", ADMIN, true)));
        anon = Http.local(app.httpPort());
        user = anon.with("St2-Api-Key", KEY);
    }

    /** A response body as JSON. */
    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    @Override
    public void close() {
        app.close();
    }
}
