package dev.reflex.bench;

import dev.reflex.agent.AgentMessage;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The simulated agents of {@link AgentFanInBench}, in a process of their own: each connects to the
 * server's agent WebSocket, registers with a keepalive, sends a keepalive every 20 s and one result of
 * its 10 checks a second (10 checks at a 10 s interval, spread evenly over the agents), and measures the
 * time from sending a result to its acknowledgement. Prints {@code connected N SECONDS} once every agent
 * is connected, then at the end {@code result SENT ACKS P50_MS P99_MS CPU_PERCENT SEND_FAILURES RECONNECTS}.
 * An agent whose connection fails reconnects in the background, as a real agent does.
 *
 * <p>Usage: {@code AgentSimulator WS_URI AGENTS SECONDS}.
 */
public final class AgentSimulator {

    private AgentSimulator() {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int agents = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        HttpClient http = HttpClient.newHttpClient();
        AtomicLongArray histogram = new AtomicLongArray(1_200_000);   // 0.1 ms buckets up to 120 s
        AtomicLong acks = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        WebSocket[] sockets = new WebSocket[agents];
        long connectStart = System.nanoTime();
        // Connect 64 at a time. Agents already connected keep sending keepalives every 15 s while the others
        // connect, as real agents would: the server closes a WebSocket that stays silent for 30 s.
        AtomicLong connected = new AtomicLong();
        Thread refresher = Thread.ofVirtual().start(() -> {
            try {
                while (connected.get() < agents) {
                    TimeUnit.SECONDS.sleep(15);
                    for (int i = 0; i < agents; i++) {
                        WebSocket ws;
                        synchronized (sockets) {
                            ws = sockets[i];
                        }
                        if (ws != null) {
                            send(ws, new AgentMessage.Keepalive(client(i)).toJson());
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Semaphore inFlight = new Semaphore(64);
        List<CompletableFuture<?>> connecting = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            int n = i;
            inFlight.acquire();
            connecting.add(http.newWebSocketBuilder().buildAsync(uri, new Acks(histogram, acks)).thenAccept(ws -> {
                send(ws, new AgentMessage.Keepalive(client(n)).toJson());
                synchronized (sockets) {
                    sockets[n] = ws;
                }
                connected.incrementAndGet();
            }).whenComplete((v, t) -> inFlight.release()));
        }
        CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        refresher.interrupt();
        System.out.printf(Locale.ROOT, "connected %d %.1f%n", agents, (System.nanoTime() - connectStart) / 1e9);
        System.out.flush();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
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
                if (trySend(http, uri, sockets, i, new AgentMessage.Result(Long.toString(System.nanoTime()),
                        Map.of("client", "agent-" + i, "check", c)).toJson(), histogram, acks)) {
                    sent.incrementAndGet();
                }
            }
            if (tick % 200 == 0 && tick > 0) {
                for (int i = 0; i < agents; i++) {
                    trySend(http, uri, sockets, i, new AgentMessage.Keepalive(client(i)).toJson(), histogram, acks);
                }
            }
            tick++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9 / elapsed / Runtime.getRuntime().availableProcessors();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();   // wait up to 2 min for the last acks
        while (acks.get() < sent.get() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        System.out.printf(Locale.ROOT, "result %d %d %.1f %.1f %.0f %d %d%n", sent.get(), acks.get(),
                percentile(histogram, acks.get(), 0.50), percentile(histogram, acks.get(), 0.99), cpu * 100,
                SEND_FAILURES.get(), RECONNECTS.get());
        System.out.flush();
        java.util.Arrays.stream(sockets).filter(java.util.Objects::nonNull).forEach(WebSocket::abort);
        System.exit(0);
    }

    private static Map<String, Object> client(int i) {
        return Map.of("name", "agent-" + i, "address", "127.0.0.1", "subscriptions", List.of("sim"),
                "keepalive", Map.of("thresholds", Map.of("warning", 40, "critical", 60)), "version", "1.9.0",
                "timestamp", System.currentTimeMillis() / 1000);
    }

    private static final AtomicLong SEND_FAILURES = new AtomicLong();
    private static final AtomicLong RECONNECTS = new AtomicLong();
    private static final AtomicLong CLOSES = new AtomicLong();

    /**
     * Sends on agent {@code i}'s connection; when that fails (the connection was closed), reconnects it
     * in the background as a real agent would, and returns false: that message is not counted as sent.
     * The first failures are reported on stderr with their cause.
     */
    private static boolean trySend(HttpClient http, URI uri, WebSocket[] sockets, int i, String text,
                                   AtomicLongArray histogram, AtomicLong acks) {
        WebSocket ws;
        synchronized (sockets) {
            ws = sockets[i];
        }
        if (ws == null) {
            return false;   // reconnecting
        }
        try {
            send(ws, text);
            return true;
        } catch (RuntimeException e) {
            synchronized (sockets) {
                if (sockets[i] != ws) {
                    return false;
                }
                sockets[i] = null;
            }
            if (SEND_FAILURES.incrementAndGet() <= 5) {
                System.err.println("agent-" + i + ": send failed (" + e + "); reconnecting");
            }
            http.newWebSocketBuilder().buildAsync(uri, new Acks(histogram, acks)).thenAccept(fresh -> {
                send(fresh, new AgentMessage.Keepalive(client(i)).toJson());
                synchronized (sockets) {
                    sockets[i] = fresh;
                }
                RECONNECTS.incrementAndGet();
            });
            return false;
        }
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
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            if (CLOSES.incrementAndGet() <= 5) {
                System.err.println("a connection was closed by the server: " + statusCode + " " + reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            if (CLOSES.incrementAndGet() <= 5) {
                System.err.println("a connection failed: " + error);
            }
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
