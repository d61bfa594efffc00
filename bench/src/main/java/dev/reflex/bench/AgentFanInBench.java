package dev.reflex.bench;

import dev.reflex.agent.AgentMessage;
import dev.reflex.app.App;
import dev.reflex.config.ReflexConfig;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Many simulated agents on loopback WebSockets against one in-process server (SQLite store): each
 * registers, sends a keepalive every 20 s and runs 10 checks at a 10 s interval (one result a second,
 * spread evenly), and measures the time from sending a result to its acknowledgement (stored durably).
 * Agents carry keepalive thresholds of 40/60 s so that a stalled keepalive path shows within the run;
 * at the end the server must hold no keepalive event. CPU and heap are of the whole JVM (server and
 * simulated agents together).
 *
 * <p>Usage: {@code AgentFanInBench [agents] [seconds]} (defaults 2000 and 60).
 */
public final class AgentFanInBench {

    private AgentFanInBench() {
    }

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path dir = Files.createTempDirectory("reflex-bench-fanin");
        ReflexConfig cfg = ReflexConfig.defaults().withDataDir(dir).withHttp(ReflexConfig.Http.defaults().withPort(0));
        try (App app = new App(cfg, Clock.systemUTC()).start()) {
            URI uri = URI.create("ws://127.0.0.1:" + app.httpPort() + "/api/v1/agent/ws");
            HttpClient http = HttpClient.newHttpClient();
            AtomicLongArray histogram = new AtomicLongArray(20_000);
            AtomicLong acks = new AtomicLong();
            AtomicLong sent = new AtomicLong();
            List<WebSocket> sockets = new ArrayList<>();
            long connectStart = System.nanoTime();
            for (int i = 0; i < agents; i++) {
                WebSocket ws = http.newWebSocketBuilder().buildAsync(uri, new Acks(histogram, acks)).get(60, TimeUnit.SECONDS);
                sockets.add(ws);
                send(ws, new AgentMessage.Keepalive(client(i)).toJson());
            }
            System.out.printf(Locale.ROOT, "%d agents connected in %.1f s%n", agents, (System.nanoTime() - connectStart) / 1e9);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long start = System.nanoTime();
            long maxHeap = 0;
            long tick = 0;
            // every 100 ms, a tenth of the agents each send one result; every 20 s each agent sends a keepalive
            while (System.nanoTime() - start < Duration.ofSeconds(seconds).toNanos()) {
                long due = start + tick * 100_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int slice = (int) (tick % 10);
                for (int i = slice; i < agents; i += 10) {
                    long check = (tick / 10) % 10;
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("name", "check-" + check);
                    c.put("output", "OK value=" + tick);
                    c.put("status", (tick / 10 + i) % 50 == 0 ? 1L : 0L);
                    c.put("executed", System.currentTimeMillis() / 1000);
                    c.put("interval", 10L);
                    send(sockets.get(i), new AgentMessage.Result(Long.toString(System.nanoTime()),
                            Map.of("client", "agent-" + i, "check", c)).toJson());
                    sent.incrementAndGet();
                }
                if (tick % 200 == 0 && tick > 0) {
                    for (int i = 0; i < agents; i++) {
                        send(sockets.get(i), new AgentMessage.Keepalive(client(i)).toJson());
                    }
                }
                if (tick % 10 == 0) {
                    maxHeap = Math.max(maxHeap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                }
                tick++;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9 / elapsed / Runtime.getRuntime().availableProcessors();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (acks.get() < sent.get() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            app.sensu().engine().sweepKeepalives().forEach(CompletableFuture::join);
            long keepaliveEvents = app.sensu().tables().events().events().stream()
                    .filter(e -> e.checkName().equals("keepalive")).count();
            double p50 = percentile(histogram, acks.get(), 0.50);
            double p99 = percentile(histogram, acks.get(), 0.99);
            System.out.printf(Locale.ROOT, "sent %d results (%.0f/s), acknowledged %d; ack latency p50 %.1f ms, p99 %.1f ms;"
                    + " CPU %.0f%% of %d cores; heap max %d MB; keepalive events %d; clients registered %d%n",
                    sent.get(), sent.get() / elapsed, acks.get(), p50, p99, cpu * 100,
                    Runtime.getRuntime().availableProcessors(), maxHeap >> 20, keepaliveEvents,
                    app.sensu().tables().clients().names().size());
            System.out.printf(Locale.ROOT, "fan-in: %d agents x 10 checks at 10 s, %.0f results/s for %d s, ack p99 %.1f ms,"
                    + " CPU %.0f%%, heap max %d MB, %d spurious keepalive events%n", agents, sent.get() / elapsed, seconds,
                    p99, cpu * 100, maxHeap >> 20, keepaliveEvents);
            sockets.forEach(WebSocket::abort);
        }
    }

    private static Map<String, Object> client(int i) {
        return Map.of("name", "agent-" + i, "address", "127.0.0.1", "subscriptions", List.of("sim"),
                "keepalive", Map.of("thresholds", Map.of("warning", 40, "critical", 60)), "version", "1.9.0",
                "timestamp", System.currentTimeMillis() / 1000);
    }

    private static void send(WebSocket ws, String text) {
        synchronized (ws) {
            ws.sendText(text, true).join();
        }
    }

    /** The latency percentile from a histogram of 0.1 ms buckets. */
    private static double percentile(AtomicLongArray histogram, long total, double q) {
        long target = (long) Math.ceil(total * q);
        long seen = 0;
        for (int i = 0; i < histogram.length(); i++) {
            seen += histogram.get(i);
            if (seen >= target) {
                return i / 10.0;
            }
        }
        return Double.NaN;
    }

    /** Records each acknowledgement's latency (the result id is its send time in nanoseconds). */
    private static final class Acks implements WebSocket.Listener {
        private final AtomicLongArray histogram;
        private final AtomicLong acks;
        private final StringBuilder partial = new StringBuilder();

        Acks(AtomicLongArray histogram, AtomicLong acks) {
            this.histogram = histogram;
            this.acks = acks;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                if (AgentMessage.parse(partial.toString()) instanceof AgentMessage.Ack a) {
                    long micros = (System.nanoTime() - Long.parseLong(a.id())) / 100_000;
                    histogram.incrementAndGet((int) Math.min(histogram.length() - 1, micros));
                    acks.incrementAndGet();
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
