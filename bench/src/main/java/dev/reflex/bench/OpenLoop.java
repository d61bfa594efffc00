package dev.reflex.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop HTTP load generator (wrk2 is not available here): webhook POSTs sent at a fixed rate
 * whatever the server's latency, each on its own virtual thread. A request's latency runs from the
 * moment it was scheduled, not from when it was sent, so a stall of the server or of the generator
 * counts against every request it delayed (no coordinated omission). The client shares the machine
 * and the JVM with the server, so it costs the server CPU.
 */
final class OpenLoop {

    /** What one rate gave. */
    record Result(double acceptedPerSecond, double p50Millis, double p90Millis, double p99Millis, double maxMillis,
                  long errors) {
    }

    private OpenLoop() {
    }

    static Result run(String url, int rate, int seconds) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        int n = rate * seconds;
        long[] latency = new long[n];
        AtomicInteger done = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int k = i;
                pool.submit(() -> {
                    String body = "{\"service\":\"svc-" + (k % 100) + "\",\"severity\":" + (k % 5) + ",\"host\":\"web-"
                            + (k % 37) + "\",\"message\":\"load is high on this host\"}";
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    try {
                        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 202) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latency[k] = System.nanoTime() - due;
                    done.incrementAndGet();
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        http.close();
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        return new Result((n - errors.get()) / elapsed, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
                sorted[n - 1] / 1e6, errors.get());
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
