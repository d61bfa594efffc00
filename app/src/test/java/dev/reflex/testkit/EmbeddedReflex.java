package dev.reflex.testkit;

import dev.reflex.app.App;
import dev.reflex.config.ReflexConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Starts a whole Reflex in the test JVM on a free loopback port with a given data directory. */
public final class EmbeddedReflex {

    private EmbeddedReflex() {
    }

    /** A configuration on port 0 with its data in {@code dataDir}. */
    public static ReflexConfig config(Path dataDir) {
        return ReflexConfig.defaults().withDataDir(dataDir).withHttp(ReflexConfig.Http.defaults().withPort(0));
    }

    /** Starts Reflex with {@code config}. */
    public static App start(ReflexConfig config) throws Exception {
        return new App(config, Clock.systemUTC()).start();
    }

    /** Starts Reflex on loopback, port 0, keys required, with the given keys. */
    public static App startWithKeys(Path dataDir, List<ReflexConfig.ApiKey> keys) throws Exception {
        ReflexConfig cfg = config(dataDir).withApiKeys(keys)
                .withHttp(new ReflexConfig.Http("127.0.0.1", 0, 1024 * 1024, true));
        return start(cfg);
    }
}
