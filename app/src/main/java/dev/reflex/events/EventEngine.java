package dev.reflex.events;

import dev.reflex.checks.CheckResult;
import dev.reflex.checks.SensuSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The entry point the server wires: check results in, events out, processed in order per
 * client/check pair and in parallel across pairs ({@link KeyedExecutor}), plus the keepalive and
 * TTL sweeps whose results go through the same path.
 *
 * <p>Build one with {@link #builder}; every dependency (state repositories, clock, id source,
 * handler pipeline) can be replaced, and the defaults are in-memory.
 */
public final class EventEngine implements AutoCloseable {

    private final EventProcessor processor;
    private final KeyedExecutor executor;
    private final KeepaliveMonitor keepalives;
    private final TtlMonitor ttl;
    private final WriteScope durability;

    private EventEngine(EventProcessor processor, KeyedExecutor executor, KeepaliveMonitor keepalives, TtlMonitor ttl,
            WriteScope durability) {
        this.processor = processor;
        this.executor = executor;
        this.keepalives = keepalives;
        this.ttl = ttl;
        this.durability = durability;
    }

    /** A builder; only the settings are required. */
    public static Builder builder(Supplier<SensuSettings> settings) {
        return new Builder(settings);
    }

    /** The key a result is ordered by: its (proxy) client and check. */
    public static ResultKey keyOf(CheckResult result) {
        String client = result.source() != null ? result.source() : result.client();
        return new ResultKey(client, String.valueOf(result.name()));
    }

    /**
     * Queues a result; results of the same pair are processed in submission order. The future
     * completes once the result is processed and every state change it made is durable (with a
     * durable state, see {@link Builder#durability}); only then may the result be acknowledged.
     */
    public CompletableFuture<ProcessResult> submit(CheckResult result) {
        return executor.submit(keyOf(result), () -> durability.run(() -> processor.process(result)))
                .thenCompose(s -> s.durable().thenApply(v -> s.value()));
    }

    /** Runs the keepalive sweep and queues its results. */
    public List<CompletableFuture<ProcessResult>> sweepKeepalives() {
        List<CompletableFuture<ProcessResult>> out = new ArrayList<>();
        keepalives.sweep().forEach(r -> out.add(submit(r)));
        return out;
    }

    /** Runs the TTL sweep (with Sensu's 30-second interval) and queues its results. */
    public List<CompletableFuture<ProcessResult>> sweepTtl() {
        List<CompletableFuture<ProcessResult>> out = new ArrayList<>();
        ttl.sweep().forEach(r -> out.add(submit(r)));
        return out;
    }

    /** Records a keepalive from an agent (its client attributes, {@code timestamp} included). */
    public boolean keepalive(Map<String, Object> client) {
        return processor.clients().update(client);
    }

    /**
     * Records a keepalive as {@link #keepalive} does; the future completes (with whether the client
     * was new) once the registry change is durable.
     */
    public CompletableFuture<Boolean> keepaliveDurably(Map<String, Object> client) {
        WriteScope.Scoped<Boolean> s = durability.run(() -> processor.clients().update(client));
        return s.durable().thenApply(v -> s.value());
    }

    /** Runs {@code work} that changes state (API deletions, silences) and waits until its changes are durable. */
    public <T> T durably(Supplier<T> work) {
        WriteScope.Scoped<T> s = durability.run(work);
        s.durable().join();
        return s.value();
    }

    /** How many client/check pairs have results waiting to be processed (the backlog). */
    public int pendingPairs() {
        return executor.pendingKeys();
    }

    /** The processor (for synchronous use where the caller guarantees per-pair order). */
    public EventProcessor processor() {
        return processor;
    }

    /** The keepalive monitor. */
    public KeepaliveMonitor keepaliveMonitor() {
        return keepalives;
    }

    /** The TTL monitor. */
    public TtlMonitor ttlMonitor() {
        return ttl;
    }

    @Override
    public void close() {
        executor.close();
    }

    /** Builds an {@link EventEngine}. */
    public static final class Builder {
        private final Supplier<SensuSettings> settings;
        private EventState state = new InMemoryEventState();
        private ClientRegistry clients = new InMemoryClientRegistry();
        private SilenceRegistry silences;
        private Clock clock;
        private Supplier<String> ids = EventIds.fast();
        private String version = "1.9.0";
        private EventHandling handling;
        private Consumer<Map<String, Object>> reflexSink = e -> { };
        private KeyedExecutor executor;
        private WriteScope durability = WriteScope.IMMEDIATE;

        private Builder(Supplier<SensuSettings> settings) {
            this.settings = Objects.requireNonNull(settings);
        }

        /** The event state repository (default: in memory). */
        public Builder state(EventState state) {
            this.state = state;
            return this;
        }

        /** The client registry (default: in memory). */
        public Builder clients(ClientRegistry clients) {
            this.clients = clients;
            return this;
        }

        /** The silenced registry (default: in memory on the engine's clock). */
        public Builder silences(SilenceRegistry silences) {
            this.silences = silences;
            return this;
        }

        /** The clock every timestamp comes from (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The source of new event ids (default: {@link EventIds#fast()}). */
        public Builder ids(Supplier<String> ids) {
            this.ids = ids;
            return this;
        }

        /** The version written into proxy clients (default: Sensu's {@code 1.9.0}, the level Reflex emulates). */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /** Where reflex handlers deliver, when the default pipeline is used. */
        public Builder reflexSink(Consumer<Map<String, Object>> sink) {
            this.reflexSink = sink;
            return this;
        }

        /** The handling step (default: {@link HandlerPipeline} with Sensu's stages). */
        public Builder handling(EventHandling handling) {
            this.handling = handling;
            return this;
        }

        /** The per-pair executor (default: virtual threads). */
        public Builder executor(KeyedExecutor executor) {
            this.executor = executor;
            return this;
        }

        /** What tells when state changes are durable (default: in-memory state, {@link WriteScope#IMMEDIATE}). */
        public Builder durability(WriteScope durability) {
            this.durability = durability;
            return this;
        }

        /** The engine. */
        public EventEngine build() {
            Objects.requireNonNull(clock, "clock: the engine reads time only from an injected Clock");
            SilenceRegistry s = silences != null ? silences : new InMemorySilenceRegistry(clock);
            EventHandling h = handling != null ? handling
                    : HandlerPipeline.builder(settings, state).clock(clock).reflexSink(reflexSink).build();
            EventProcessor processor = new EventProcessor(settings, state, clients, s, h, clock, ids, version);
            return new EventEngine(processor, executor != null ? executor : new KeyedExecutor(),
                    new KeepaliveMonitor(settings, clients, clock), new TtlMonitor(state, clients, clock), durability);
        }
    }
}
