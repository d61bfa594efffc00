package dev.reflex.sensu;

import dev.reflex.app.Service;
import dev.reflex.checks.SensuSettings;
import dev.reflex.events.EventEngine;
import dev.reflex.events.KeepaliveMonitor;
import dev.reflex.events.TtlMonitor;
import dev.reflex.events.jdbc.SensuTables;
import dev.reflex.store.Store;
import dev.reflex.triggers.TriggerEmitter;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sensu half of the server: the event engine over the durable state, the agents' hub, the check
 * scheduler, and the keepalive and TTL sweeps, all driven by {@link #tick()}.
 *
 * <p>Every event a {@code reflex} handler receives becomes a {@code sensu.event_handler} trigger
 * instance through the injected {@link TriggerEmitter}. The scheduler and the sweeps run only on the
 * node holding the {@code sensu-scheduler} lease (30 s, renewed every 10 s).
 */
public final class SensuService implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(SensuService.class);
    /** The trigger type every reflex-handled event is emitted as. */
    public static final String TRIGGER = "sensu.event_handler";
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration RENEW = Duration.ofSeconds(10);

    private final Store store;
    private final Clock clock;
    private final Supplier<SensuSettings> settings;
    private final TriggerEmitter emitter;
    private final String node = UUID.randomUUID().toString();
    private final AgentHub hub;
    private final boolean ticking;
    private final String version;
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private volatile SensuTables tables;
    private volatile EventEngine engine;
    private volatile CheckScheduler scheduler;
    private Lease lease;
    private ScheduledExecutorService timer;
    private Instant leaseCheckedAt;
    private boolean leader;
    private Instant keepaliveSweptAt;
    private Instant ttlSweptAt;

    /**
     * @param settings the Sensu definitions (read on every use, so a reload applies at once)
     * @param emitter  where events handled by {@code reflex} handlers go
     * @param ticking  whether a timer calls {@link #tick()} every second (tests drive it themselves)
     * @param version  Reflex's version, reported by {@code /sensu/info}
     */
    public SensuService(Store store, Clock clock, Supplier<SensuSettings> settings, TriggerEmitter emitter,
            boolean ticking, String version) {
        this.version = version;
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.emitter = emitter;
        this.ticking = ticking;
        this.hub = new AgentHub(this::engine, clock);
    }

    @Override
    public String name() {
        return "sensu";
    }

    @Override
    public void start() {
        tables = SensuTables.load(store, clock);
        engine = EventEngine.builder(settings).state(tables.events()).clients(tables.clients())
                .silences(tables.silences()).durability(tables.writes()).clock(clock).version("1.9.0")
                .reflexSink(this::emit).build();
        scheduler = new CheckScheduler(settings, hub, tables.clients(), clock);
        lease = new Lease(store, "sensu-scheduler", node, LEASE, clock);
        LOG.info("Sensu state loaded: {} client(s), {} event(s), {} check definition(s)", tables.clients().names().size(),
                tables.events().eventFacts().size(), settings.get().checks().size());
        if (ticking) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sensu-tick").daemon(true).factory());
            timer.scheduleWithFixedDelay(this::safeTick, 1, 1, TimeUnit.SECONDS);
        }
    }

    private void emit(Map<String, Object> event) {
        emitter.emit(TRIGGER, event, null);
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("Sensu tick failed; trying again in a second", e);
        }
    }

    /**
     * Does what is due at the clock's time: renews the lease (every 10 s) and, while holding it,
     * publishes due check requests and runs the keepalive and TTL sweeps every 30 s. Calls must not
     * overlap.
     */
    public synchronized void tick() {
        Instant now = clock.instant();
        if (leaseCheckedAt == null || !now.isBefore(leaseCheckedAt.plus(RENEW))) {
            boolean was = leader;
            leader = lease.acquire();
            leaseCheckedAt = now;
            if (leader != was) {
                LOG.info(leader ? "this node now schedules Sensu checks and sweeps" : "another node schedules Sensu checks");
            }
        }
        if (!leader) {
            return;
        }
        scheduler.tick();
        if (keepaliveSweptAt == null || !now.isBefore(keepaliveSweptAt.plus(KeepaliveMonitor.SWEEP_INTERVAL))) {
            keepaliveSweptAt = now;
            engine.sweepKeepalives();
        }
        if (ttlSweptAt == null || !now.isBefore(ttlSweptAt.plusSeconds(TtlMonitor.SWEEP_INTERVAL_SECONDS))) {
            ttlSweptAt = now;
            engine.sweepTtl();
        }
    }

    /** Sets up the agents' WebSocket endpoint's callbacks. */
    public void webSocket(WsConfig ws) {
        ws.onConnect(ctx -> {
            ctx.session.setMaxTextMessageSize(4L * 1024 * 1024);
            ctx.session.setIdleTimeout(Duration.ofMinutes(2));
            hub.opened(connection(ctx));
        });
        ws.onMessage(ctx -> hub.received(connection(ctx), ctx.message()));
        ws.onClose(ctx -> hub.closed(connection(ctx)));
        ws.onError(ctx -> hub.closed(connection(ctx)));
    }

    private static AgentHub.Connection connection(WsContext ctx) {
        return new AgentHub.Connection() {
            @Override
            public String id() {
                return ctx.sessionId();
            }

            @Override
            public void send(String text) {
                synchronized (ctx.session) {
                    if (ctx.session.isOpen()) {
                        ctx.send(text);
                    }
                }
            }

            @Override
            public void close(String reason) {
                ctx.closeSession(1011, reason);
            }
        };
    }

    /** The engine; only after {@link #start()}. */
    public EventEngine engine() {
        EventEngine e = engine;
        if (e == null) {
            throw new IllegalStateException("the Sensu service is not started");
        }
        return e;
    }

    /** The durable state; only after {@link #start()}. */
    public SensuTables tables() {
        return tables;
    }

    /** The agents' hub. */
    public AgentHub hub() {
        return hub;
    }

    /** The scheduler; only after {@link #start()}. */
    public CheckScheduler scheduler() {
        return scheduler;
    }

    /** The Sensu definitions in use. */
    public SensuSettings settings() {
        return settings.get();
    }

    /** Reflex's version, for {@code /sensu/info}. */
    public String version() {
        return version;
    }

    /** The clock. */
    public Clock clock() {
        return clock;
    }

    @Override
    public CompletableFuture<Throwable> failure() {
        return failure;
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (engine != null) {
            engine.close();
        }
        if (lease != null && leader) {
            try {
                lease.release();
            } catch (RuntimeException e) {
                LOG.warn("could not release the Sensu scheduler lease: {}", e.toString());
            }
        }
        if (tables != null) {
            tables.close();
        }
    }
}
