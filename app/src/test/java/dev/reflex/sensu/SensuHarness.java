package dev.reflex.sensu;

import dev.reflex.app.App;
import dev.reflex.checks.JsonValues;
import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.EmbeddedReflex;
import dev.reflex.testkit.Http;
import dev.reflex.testkit.MutableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A whole Reflex server in the test JVM on a fixed free port (so agents can reconnect after a
 * restart), on a test clock that starts at the real time, with Sensu definitions written to its
 * data directory's {@code sensu/conf.d}.
 */
final class SensuHarness implements AutoCloseable {

    final Path dataDir;
    final int port;
    final MutableClock clock = new MutableClock(Instant.now());
    private final java.util.function.UnaryOperator<ReflexConfig> customize;
    App app;

    SensuHarness(Path dataDir, String checksJson) throws Exception {
        this(dataDir, checksJson, c -> c);
    }

    /** A harness whose configuration {@code customize} adjusts, such as to add {@code sensu.api}. */
    SensuHarness(Path dataDir, String checksJson, java.util.function.UnaryOperator<ReflexConfig> customize) throws Exception {
        this.dataDir = dataDir;
        this.customize = customize;
        this.port = freePort();
        Path confd = SensuDefinitions.layoutDir(dataDir).resolve("conf.d");
        Files.createDirectories(confd);
        Files.writeString(confd.resolve("checks.json"), checksJson);
        start();
    }

    void start() throws Exception {
        ReflexConfig cfg = EmbeddedReflex.config(dataDir).withHttp(ReflexConfig.Http.defaults().withPort(port));
        app = new App(customize.apply(cfg), clock).start();
    }

    void stop() {
        app.close();
    }

    SensuService sensu() {
        return app.sensu();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Http http() {
        return Http.local(port);
    }

    /** How many {@code sensu.event_handler} trigger instances the server has stored. */
    long emitted() {
        return list("/api/v1/triggerinstances?trigger=sensu.event_handler&limit=1000").size();
    }

    /** GET a path and parse its JSON body. */
    Object get(String path) {
        return JsonValues.read(http().get(path).body());
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String path) {
        return (List<Map<String, Object>>) get(path);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
