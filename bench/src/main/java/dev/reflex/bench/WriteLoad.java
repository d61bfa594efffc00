package dev.reflex.bench;

import dev.reflex.store.JdbcStore;
import dev.reflex.store.StoreStats;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Drives durable key-value puts into a started store from {@code writers} virtual threads for a
 * warm-up and then a measured period, and reports throughput, latency and batch sizes of the
 * measured period only. A put counts when it started and returned inside that period.
 */
final class WriteLoad {

    /** What one measured period produced. */
    record Result(long writes, double seconds, double p50Millis, double p99Millis, double averageBatch,
                  int largestBatch, long commits) {

        double writesPerSecond() {
            return writes / seconds;
        }
    }

    private static final String VALUE = "x".repeat(64);

    private WriteLoad() {
    }

    static Result run(JdbcStore store, int writers, Duration warmup, Duration measured) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + measured.toNanos();
        long[][] latencies = new long[writers][];
        int[] counts = new int[writers];
        CountDownLatch done = new CountDownLatch(writers);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread.ofVirtual().name("bench-writer-" + w).start(() -> {
                try {
                    long[] mine = new long[1 << 12];
                    int n = 0;
                    for (int i = 0; ; i++) {
                        long t0 = System.nanoTime();
                        if (t0 >= measureTo) {
                            break;
                        }
                        store.keyValues().put("w" + writer + "/" + i, VALUE, false, null);
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom && t1 <= measureTo) {
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = t1 - t0;
                        }
                    }
                    latencies[writer] = mine;
                    counts[writer] = n;
                } finally {
                    done.countDown();
                }
            });
        }
        sleepUntil(measureFrom);
        StoreStats before = store.stats();
        sleepUntil(measureTo);
        StoreStats after = store.stats();
        done.await();

        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < writers; w++) {
            System.arraycopy(latencies[w], 0, all, at, counts[w]);
            at += counts[w];
        }
        Arrays.sort(all);
        long commits = after.commits() - before.commits();
        long batched = after.batchedWrites() - before.batchedWrites();
        return new Result(total, measured.toNanos() / 1e9, percentile(all, 0.50), percentile(all, 0.99),
                commits == 0 ? 0 : (double) batched / commits, after.largestBatch(), commits);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }
}
