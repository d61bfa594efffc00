package dev.reflex.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness, readiness, metrics and the OpenAPI document.
 *
 * <p>{@code /api/v1/health} answers as long as the process serves HTTP. {@code /api/v1/ready} runs
 * every readiness check for real (a store write and read, a message through the bus) and answers 503
 * naming what failed.
 */
public final class SystemModule implements ApiModule {

    private static final Logger LOG = LoggerFactory.getLogger(SystemModule.class);

    /**
     * One readiness check.
     *
     * @param name  what it checks, such as {@code store}
     * @param check throws when the part is not working
     */
    public record Check(String name, Runnable check) {
    }

    private final String version;
    private final Clock clock;
    private final Instant started;
    private final List<Check> checks;
    private final PrometheusMeterRegistry meters;
    private final Supplier<List<Routes.Route>> routes;

    public SystemModule(String version, Clock clock, List<Check> checks, PrometheusMeterRegistry meters,
                        Supplier<List<Routes.Route>> routes) {
        this.version = version;
        this.clock = clock;
        this.started = clock.instant();
        this.checks = List.copyOf(checks);
        this.meters = meters;
        this.routes = routes;
    }

    @Override
    public void routes(Routes r) {
        r.get("/api/v1/health", Access.PUBLIC, "Liveness: the process is up and serving HTTP.", ctx ->
                ctx.json(Map.of("status", "ok", "version", version,
                        "uptime_seconds", Duration.between(started, clock.instant()).toSeconds())));
        r.get("/api/v1/ready", Access.PUBLIC, "Readiness: the store and the bus work now (checked, not assumed).",
                ctx -> {
                    Map<String, Object> results = new LinkedHashMap<>();
                    boolean ok = true;
                    for (Check c : checks) {
                        long t0 = System.nanoTime();
                        try {
                            c.check().run();
                            results.put(c.name(), Map.of("status", "ok",
                                    "millis", (System.nanoTime() - t0) / 1_000_000.0));
                        } catch (RuntimeException e) {
                            ok = false;
                            LOG.warn("readiness check {} failed: {}", c.name(), e.toString());
                            results.put(c.name(), Map.of("status", "failed", "error", String.valueOf(e.getMessage())));
                        }
                    }
                    ctx.status(ok ? 200 : 503).json(Map.of("status", ok ? "ready" : "not ready", "checks", results));
                });
        r.get("/metrics", Access.USER, "Prometheus metrics in the text exposition format.", ctx ->
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(meters.scrape()));
        r.get("/api/v1/openapi.json", Access.PUBLIC, "This API's OpenAPI 3.1 description.", ctx ->
                ctx.json(OpenApi.document(version, routes.get())));
    }
}
