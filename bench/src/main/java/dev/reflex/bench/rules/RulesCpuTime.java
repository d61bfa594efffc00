package dev.reflex.bench.rules;

import dev.reflex.rules.RuleEngine;
import dev.reflex.template.TemplateEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/**
 * The rules workload of {@link RulesMatchingBenchmark} measured in CPU time of the matching thread
 * instead of wall-clock time: trigger instances matched per CPU-second, by Reflex and by Esper.
 * On a machine shared with other work, where a wall-clock figure mostly measures the competition
 * for the core, this is the steadier number. After 20 CPU-seconds of warm-up per engine, prints one
 * line: the median of the measured rounds.
 */
public final class RulesCpuTime {

    private RulesCpuTime() {
    }

    /** Runs both engines; args: rounds (default 9), distinct payloads (a power of two, default 8192). */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int payloads = args.length > 1 ? Integer.parseInt(args[1]) : 8192;
        int mask = payloads - 1;
        RulesWorkload w = new RulesWorkload(20261121L, payloads);
        RuleEngine engine = new RuleEngine(new TemplateEngine(), k -> Optional.empty(), Clock.systemUTC());
        engine.replaceAll(w.rules);
        EsperMatcher esper = new EsperMatcher(w);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] reflex = new double[rounds];
        double[] theirs = new double[rounds];
        long sink = 0;
        // Warm-up: 20 CPU-seconds each, which Esper's generated code needs to reach its steady state.
        long until = cpu.getCurrentThreadCpuTime() + 20_000_000_000L;
        for (int i = 0; cpu.getCurrentThreadCpuTime() < until; i++) {
            for (int j = 0; j < 10_000; j++, i++) {
                sink += engine.match(w.instances[i & mask]).matched().size();
            }
        }
        until = cpu.getCurrentThreadCpuTime() + 20_000_000_000L;
        for (int i = 0; cpu.getCurrentThreadCpuTime() < until; i++) {
            for (int j = 0; j < 1_000; j++, i++) {
                sink += esper.send(w.esperEvents[i & mask], w.esperTypes[i & mask]);
            }
        }
        for (int r = 0; r < rounds; r++) {
            int n = 1_000_000;
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink += engine.match(w.instances[i & mask]).matched().size();
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            int m = 200_000;
            for (int i = 0; i < m; i++) {
                sink += esper.send(w.esperEvents[i & mask], w.esperTypes[i & mask]);
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            reflex[r] = n / ((t1 - t0) / 1e9);
            theirs[r] = m / ((t2 - t1) / 1e9);
        }
        double ours = median(reflex);
        double esperMedian = median(theirs);
        System.out.printf("cpu-time, %d payloads: reflex %.0f instances per CPU-second, esper %.0f events per CPU-second,"
                + " reflex/esper %.2fx (median of %d rounds; checksum %d)%n", payloads, ours, esperMedian,
                ours / esperMedian, rounds, sink);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
