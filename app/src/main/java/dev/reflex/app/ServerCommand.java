package dev.reflex.app;

import dev.reflex.config.ConfigProblem;
import dev.reflex.config.ConfigResolver;
import dev.reflex.config.Overrides;
import dev.reflex.config.ReflexConfig;
import dev.reflex.config.Resolution;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reflex server}: resolves the configuration, starts every service, and runs until SIGTERM or
 * SIGINT, then stops the services in reverse within a bounded grace period.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the Reflex server (embedded store and defaults unless configured otherwise).")
public final class ServerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default ./reflex.yaml when present).")
    Path config;

    @Option(names = "--env", paramLabel = "NAME", description = "Environment overlay reflex.NAME.yaml (env REFLEX_ENV).")
    String env;

    @Option(names = "--values", paramLabel = "FILE", description = "Values for @@KEY@@ tokens in the configuration.")
    Path values;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default ./reflex-data).")
    Path dataDir;

    @Option(names = "--http-port", paramLabel = "N", description = "HTTP port (default 9101; 0 picks a free one).")
    Integer httpPort;

    @Option(names = "--packs", paramLabel = "DIR", split = ",",
            description = "A pack folder or a folder of packs; repeatable.")
    List<Path> packs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Resolution resolved = ConfigResolver.fromSystem()
                .resolve(new Overrides(config, env, values, dataDir, httpPort, packs.isEmpty() ? null : packs));
        for (ConfigProblem w : resolved.warnings()) {
            System.err.println("warning: " + w);
        }
        if (!resolved.ok()) {
            for (ConfigProblem p : resolved.problems()) {
                System.err.println(p);
            }
            System.err.println("reflex: the configuration has " + resolved.problems().size() + " error(s); not starting");
            return 1;
        }
        ReflexConfig cfg = resolved.config();
        if (!resolved.files().isEmpty()) {
            LOG.info("configuration from {}", resolved.files());
        }
        App app;
        try {
            app = new App(cfg, Clock.systemUTC());
            app.start();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("reflex: " + e.getMessage());
            return 1;
        }
        // SIGTERM and SIGINT stop the services in order and exit 0; the shutdown hook covers other exits.
        for (String signal : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), sig -> {
                LOG.info("SIG{} received; stopping", sig.getName());
                Thread.ofPlatform().name("reflex-signal").start(() -> stopWithin(app));
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopWithin(app), "reflex-shutdown"));
        LOG.info("Reflex {} is up: http://{}:{}/api/v1/health (data in {}, store {})", ReflexCommand.version(),
                cfg.http().bind(), app.httpPort(), cfg.dataDir().toAbsolutePath(),
                cfg.store().url() == null ? "embedded SQLite" : "PostgreSQL");
        Throwable failure = app.awaitStop();
        if (failure != null) {
            stopWithin(app);
            return 1;
        }
        return 0;
    }

    private static void stopWithin(App app) {
        Thread stopper = Thread.ofPlatform().name("reflex-stop").start(app::close);
        try {
            stopper.join(App.stopGracePeriod().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            LOG.error("services did not stop within {} s; exiting anyway", App.stopGracePeriod().toSeconds());
            Runtime.getRuntime().halt(1);
        }
    }

}
