package dev.reflex.bench.rules;

import dev.reflex.rules.MatchResult;
import dev.reflex.rules.RuleEngine;
import dev.reflex.template.TemplateEngine;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Trigger instances matched per second against 1,000 rules over 50 trigger types: Reflex's
 * {@link RuleEngine} and the same filters as Esper 9 statements, on the same payloads, one thread.
 * Setup checks that both find the same number of matches for every payload.
 *
 * <p>Two payload streams: 256 distinct payloads, which stay in the core's caches as a payload just
 * parsed from a request would, and 8,192, which do not, so that every instance is read from memory.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RulesMatchingBenchmark {

    /** How many distinct pre-generated payloads the stream cycles through (a power of two). */
    @Param({"256", "8192"})
    public int payloads;

    private RulesWorkload workload;
    private RuleEngine engine;
    private EsperMatcher esper;
    private int next;

    /** Builds both engines and checks that they agree on every payload. */
    @Setup(Level.Trial)
    public void setUp() {
        workload = new RulesWorkload(20261121L, payloads);
        engine = new RuleEngine(new TemplateEngine(), k -> Optional.empty(), Clock.systemUTC());
        engine.replaceAll(workload.rules);
        esper = new EsperMatcher(workload);
        long total = 0;
        for (int i = 0; i < payloads; i++) {
            MatchResult ours = engine.match(workload.instances[i]);
            long theirs = esper.send(workload.esperEvents[i], workload.esperTypes[i]);
            if (ours.matched().size() != theirs || !ours.failures().isEmpty()) {
                throw new IllegalStateException("payload " + i + ": Reflex matched " + ours.matched().size() + " rules, Esper "
                        + theirs + "; failures " + ours.failures() + "; payload " + workload.instances[i].payload());
            }
            total += theirs;
        }
        System.out.printf("%nworkload: %d rules, %d payloads, %.2f matching rules per payload on average%n",
                workload.rules.size(), payloads, total / (double) payloads);
    }

    /** One trigger instance through Reflex's rule engine. */
    @Benchmark
    public MatchResult reflex() {
        return engine.match(workload.instances[next++ & (payloads - 1)]);
    }

    /** The same payload through Esper. */
    @Benchmark
    public long esper() {
        int i = next++ & (payloads - 1);
        return esper.send(workload.esperEvents[i], workload.esperTypes[i]);
    }
}
