package dev.reflex.app;

import dev.reflex.config.ReflexConfig;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code reflex server}: resolves the configuration, starts every service, and runs until SIGTERM or
 * SIGINT, then stops the services in reverse within a bounded grace period.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the Reflex server (embedded store and defaults unless configured otherwise).")
public final class ServerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

    @Mixin
    ServerOptions options = new ServerOptions();

    @Override
    public Integer call() throws Exception {
        ReflexConfig cfg = options.resolve(System.err);
        if (cfg == null) {
            return 1;
        }
        App app;
        try {
            app = new App(cfg, Clock.systemUTC());
            app.start();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("reflex: " + e.getMessage());
            return 1;
        }
        stopOnSignals(app::close);
        LOG.info("Reflex {} is up: http://{}:{}/api/v1/health (data in {}, store {})", ReflexCommand.version(),
                cfg.http().bind(), app.httpPort(), cfg.dataDir().toAbsolutePath(),
                cfg.store().url() == null ? "embedded SQLite" : "PostgreSQL");
        Throwable failure = app.awaitStop();
        if (failure != null) {
            stopWithin(app::close);
            return 1;
        }
        return 0;
    }

    /**
     * Makes SIGTERM and SIGINT run {@code stop} (bounded by the grace period) and exit 0; a shutdown
     * hook covers other exits.
     */
    static void stopOnSignals(Runnable stop) {
        for (String signal : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), sig -> {
                LOG.info("SIG{} received; stopping", sig.getName());
                Thread.ofPlatform().name("reflex-signal").start(() -> stopWithin(stop));
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopWithin(stop), "reflex-shutdown"));
    }

    static void stopWithin(Runnable stop) {
        Thread stopper = Thread.ofPlatform().name("reflex-stop").start(stop);
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
