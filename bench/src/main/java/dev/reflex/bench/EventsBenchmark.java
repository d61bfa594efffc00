package dev.reflex.bench;

import dev.reflex.checks.CheckResult;
import dev.reflex.checks.JsonValues;
import dev.reflex.checks.SensuSettings;
import dev.reflex.checks.SettingsParser;
import dev.reflex.events.Event;
import dev.reflex.events.EventEngine;
import dev.reflex.events.EventIds;
import dev.reflex.events.EventProcessor;
import dev.reflex.events.HandlerPipeline;
import dev.reflex.events.InMemoryClientRegistry;
import dev.reflex.events.InMemoryEventState;
import dev.reflex.events.InMemorySilenceRegistry;
import dev.reflex.events.KeyedExecutor;
import dev.reflex.events.ProcessResult;
import dev.reflex.events.StateChange;
import dev.reflex.events.StatusHistory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Check results per second through the whole in-memory event engine: client lookup, the merge over
 * the definition, result storage with the 21-status history, total_state_change and flap detection,
 * the event and its registry update (in-memory {@code EventState}), silencing, and the handler
 * pipeline (Sensu's filter stages, the {@code occurrences} filter, the json mutator, a reflex handler
 * delivering to a no-op sink). Plus the two hot parts on their own.
 *
 * <p>1,000 clients each report one check; each pair cycles through the statuses
 * {@code 0 0 2 2 2 0 1 1 0 2 0 2 0 2 0 0}, so results create, update, resolve and flap.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventsBenchmark {

    static final int CLIENTS = 1_000;
    static final int BATCH = 1_000;
    static final int[] PATTERN = {0, 0, 2, 2, 2, 0, 1, 1, 0, 2, 0, 2, 0, 2, 0, 0};

    static SensuSettings settings() {
        return SettingsParser.parse(JsonValues.asMap(JsonValues.read("""
                {"checks": {"disk": {"command": "check-disk -w 80 -c 90", "subscribers": ["linux"], "interval": 60,
                                     "low_flap_threshold": 5, "high_flap_threshold": 20, "handlers": ["reflex"]}},
                 "handlers": {"reflex": {"type": "reflex", "filters": ["occurrences"],
                                         "severities": ["ok", "warning", "critical"]}}}
                """)), "<bench>").value();
    }

    /** The results, one per (round, client), in submission order. */
    static CheckResult[] results() {
        CheckResult[] results = new CheckResult[PATTERN.length * CLIENTS];
        long executed = 1_700_000_000L;
        for (int round = 0; round < PATTERN.length; round++) {
            for (int c = 0; c < CLIENTS; c++) {
                Map<String, Object> check = new LinkedHashMap<>();
                check.put("name", "disk");
                check.put("output", PATTERN[round] == 0 ? "DISK OK" : "DISK CRITICAL: / 95% used");
                check.put("status", (long) PATTERN[round]);
                check.put("executed", executed + round * 60L);
                check.put("issued", executed + round * 60L);
                check.put("duration", 0.012);
                results[round * CLIENTS + c] = CheckResult.of("client-" + c, check);
            }
        }
        return results;
    }

    /** The engine shared by every benchmark thread. */
    @State(Scope.Benchmark)
    public static class Engine {
        final LongAdder delivered = new LongAdder();
        CheckResult[] results;
        EventProcessor processor;
        EventEngine engine;
        HandlerPipeline pipeline;
        Event sampleEvent;

        @Setup(Level.Trial)
        public void setUp() {
            SensuSettings s = settings();
            Clock clock = Clock.systemUTC();
            InMemoryEventState state = new InMemoryEventState();
            InMemoryClientRegistry clients = new InMemoryClientRegistry();
            pipeline = HandlerPipeline.builder(() -> s, state).clock(clock)
                    .reflexSink(event -> delivered.increment()).build();
            engine = EventEngine.builder(() -> s).state(state).clients(clients)
                    .silences(new InMemorySilenceRegistry(clock)).clock(clock).ids(EventIds.fast())
                    .handling(pipeline).executor(new KeyedExecutor()).build();
            processor = engine.processor();
            results = results();
            for (int c = 0; c < CLIENTS; c++) {
                Map<String, Object> client = new LinkedHashMap<>();
                client.put("name", "client-" + c);
                client.put("address", "10.0.0." + (c % 250));
                client.put("subscriptions", new ArrayList<>(List.of("linux", "production")));
                client.put("timestamp", 1_700_000_000L);
                engine.keepalive(client);
            }
            for (int i = 0; i < 30; i++) {
                processor.process(results[(CLIENTS * 2) + i]);
            }
            sampleEvent = ((ProcessResult.Processed) processor.process(results[CLIENTS * 3])).event();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            engine.close();
        }
    }

    /** Each thread's position in the result sequence, over a disjoint set of clients. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
        int offset;
        int stride;

        @Setup(Level.Trial)
        public void setUp(ThreadParams threads) {
            stride = threads.getThreadCount();
            offset = threads.getThreadIndex();
            next = offset;
        }

        CheckResult next(CheckResult[] results) {
            CheckResult r = results[next];
            next += stride;
            if (next >= results.length) {
                next = offset;
            }
            return r;
        }
    }

    /** The whole engine, one thread, results in order. */
    @Benchmark
    @Threads(1)
    public ProcessResult processSingleThread(Engine e, Cursor c) {
        return e.processor.process(c.next(e.results));
    }

    /** The whole engine, two threads on disjoint clients (what per-pair ordering permits). */
    @Benchmark
    @Threads(2)
    public ProcessResult processTwoThreads(Engine e, Cursor c) {
        return e.processor.process(c.next(e.results));
    }

    /** Batches through the per-pair executor on virtual threads: submission to completion. */
    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(BATCH)
    public void perPairExecutor(Engine e, Cursor c) {
        CompletableFuture<?>[] futures = new CompletableFuture<?>[BATCH];
        for (int i = 0; i < BATCH; i++) {
            futures[i] = e.engine.submit(c.next(e.results));
        }
        CompletableFuture.allOf(futures).join();
    }

    /** History and flap detection alone: total_state_change of a full history plus the decision. */
    @Benchmark
    @Threads(1)
    public boolean flapDetection(History h) {
        StatusHistory history = h.histories[h.next++ & 15];
        int tsc = StateChange.totalStateChange(history);
        return StateChange.flapping(h.check, tsc, (tsc & 1) == 0).flapping();
    }

    /** The handler pipeline alone: filters, json mutator, reflex handler to a no-op sink. */
    @Benchmark
    @Threads(1)
    public Object handlerPipeline(Engine e) {
        return e.pipeline.handle(e.sampleEvent).join();
    }

    /** Full 21-status histories for {@link #flapDetection}. */
    @State(Scope.Thread)
    public static class History {
        final StatusHistory[] histories = new StatusHistory[16];
        final Map<String, Object> check = Map.of("low_flap_threshold", 5L, "high_flap_threshold", 20L);
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            for (int i = 0; i < histories.length; i++) {
                int[] statuses = new int[21];
                for (int j = 0; j < 21; j++) {
                    statuses[j] = PATTERN[(i + j) % PATTERN.length];
                }
                histories[i] = new StatusHistory(statuses, null);
            }
        }
    }
}
