package dev.reflex.bench;

import dev.reflex.agent.AgentMessage;
import java.lang.management.ManagementFactory;
import dev.reflex.agent.WebSocketClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The simulated agents of {@link AgentFanInBench}, in a process of their own: each connects to the
 * server's agent WebSocket, registers with a keepalive, sends a keepalive every 20 s and one result of
 * its 10 checks a second (10 checks at a 10 s interval, spread evenly over the agents), and measures the
 * time from sending a result to its acknowledgement. Each agent uses the real agent's WebSocket client
 * ({@link WebSocketClient}: a blocking socket) with a virtual thread reading its acknowledgements, so
 * that the simulator's own cost per message stays small next to the server's (the {@code java.net.http}
 * client it used before funnels every connection's reads through one selector thread). Prints
 * {@code connected N SECONDS} once every agent is connected, then at the end
 * {@code result SENT ACKS P50_MS P99_MS CPU_PERCENT SEND_FAILURES RECONNECTS STEADY_AFTER_S STEADY_ACKS
 * STEADY_P50_MS STEADY_P99_MS}, the last four for the results sent after the first minute
 * (half the run if shorter). An agent whose
 * connection fails reconnects in the background, as a real agent does.
 *
 * <p>Usage: {@code AgentSimulator WS_URI AGENTS SECONDS}.
 */
public final class AgentSimulator {

    private static final AtomicLongArray HISTOGRAM = new AtomicLongArray(1_200_000);   // 0.1 ms buckets up to 120 s
    /**
     * The same for the results sent after the first minute of sending (half the run if shorter): the
     * steady state, without the backlog of the start.
     */
    private static final AtomicLongArray STEADY = new AtomicLongArray(1_200_000);
    private static final AtomicLong STEADY_ACKS = new AtomicLong();
    /** When the steady state begins (System.nanoTime of a send); set when sending starts. */
    private static volatile long steadyFrom = Long.MAX_VALUE;
    private static int steadyAfterSeconds = 60;
    private static final AtomicLong ACKS = new AtomicLong();
    private static final AtomicLong SEND_FAILURES = new AtomicLong();
    private static final AtomicLong RECONNECTS = new AtomicLong();
    private static final AtomicLong CLOSES = new AtomicLong();

    private AgentSimulator() {
    }

    /** One simulated agent: its current connection (null while reconnecting) and the thread reading it. */
    private static final class Agent {
        final int index;
        final URI uri;
        volatile WebSocketClient ws;

        Agent(int index, URI uri) {
            this.index = index;
            this.uri = uri;
        }

        /** Connects, registers, and starts the reader; false when the connection failed. */
        boolean connect() {
            try {
                WebSocketClient c = WebSocketClient.connect(uri, Map.of(), 30_000, 30_000);
                c.sendText(new AgentMessage.Keepalive(client(index)).toJson());
                ws = c;
                Thread.ofVirtual().name("sim-agent-" + index).start(() -> read(c));
                return true;
            } catch (IOException e) {
                if (CLOSES.incrementAndGet() <= 5) {
                    System.err.println("agent-" + index + ": connection failed: " + e);
                }
                return false;
            }
        }

        private void read(WebSocketClient c) {
            String reason;
            try {
                reason = c.readMessages(text -> {
                    if (AgentMessage.parse(text) instanceof AgentMessage.Ack a) {
                        long sentAt = Long.parseLong(a.id());
                        long tenths = (System.nanoTime() - sentAt) / 100_000;
                        HISTOGRAM.incrementAndGet((int) Math.min(HISTOGRAM.length() - 1, tenths));
                        if (sentAt >= steadyFrom) {
                            STEADY.incrementAndGet((int) Math.min(STEADY.length() - 1, tenths));
                            STEADY_ACKS.incrementAndGet();
                        }
                        ACKS.incrementAndGet();
                    }
                });
            } catch (IOException e) {
                reason = e.toString();
            }
            if (ws == c && !STOPPING) {
                if (CLOSES.incrementAndGet() <= 5) {
                    System.err.println("agent-" + index + ": connection ended (" + reason + ")");
                }
                reconnect(c);
            }
        }

        /** Sends on the current connection; when that fails, reconnects in the background and returns false. */
        boolean send(String text) {
            WebSocketClient c = ws;
            if (c == null) {
                return false;   // reconnecting
            }
            try {
                c.sendText(text);
                return true;
            } catch (IOException | RuntimeException e) {
                if (SEND_FAILURES.incrementAndGet() <= 5) {
                    System.err.println("agent-" + index + ": send failed (" + e + "); reconnecting");
                }
                reconnect(c);
                return false;
            }
        }

        private void reconnect(WebSocketClient broken) {
            synchronized (this) {
                if (ws != broken) {
                    return;
                }
                ws = null;
            }
            broken.close();
            Thread.ofVirtual().start(() -> {
                while (!STOPPING && !connect()) {
                    try {
                        TimeUnit.SECONDS.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                RECONNECTS.incrementAndGet();
            });
        }
    }

    private static volatile boolean STOPPING;

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int agents = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        AtomicLong sent = new AtomicLong();
        Agent[] sim = new Agent[agents];
        long connectStart = System.nanoTime();
        // Connect 64 at a time. Agents already connected keep sending keepalives every 15 s while the others
        // connect, as real agents would: the server closes a WebSocket that stays silent for 30 s.
        AtomicLong connected = new AtomicLong();
        for (int i = 0; i < agents; i++) {
            sim[i] = new Agent(i, uri);
        }
        Thread refresher = Thread.ofVirtual().start(() -> {
            try {
                while (connected.get() < agents) {
                    TimeUnit.SECONDS.sleep(15);
                    for (Agent a : sim) {
                        if (a.ws != null) {
                            a.send(new AgentMessage.Keepalive(client(a.index)).toJson());
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Semaphore inFlight = new Semaphore(64);
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (Agent a : sim) {
                inFlight.acquire();
                pool.submit(() -> {
                    try {
                        while (!a.connect()) {
                            TimeUnit.SECONDS.sleep(1);
                        }
                        connected.incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                    return null;
                });
            }
        }
        refresher.interrupt();
        System.out.printf(Locale.ROOT, "connected %d %.1f%n", agents, (System.nanoTime() - connectStart) / 1e9);
        System.out.flush();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        steadyAfterSeconds = Math.min(60, seconds / 2);
        steadyFrom = start + Duration.ofSeconds(steadyAfterSeconds).toNanos();
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
                if (sim[i].send(new AgentMessage.Result(Long.toString(System.nanoTime()),
                        Map.of("client", "agent-" + i, "check", c)).toJson())) {
                    sent.incrementAndGet();
                }
            }
            if (tick % 200 == 0 && tick > 0) {
                for (Agent a : sim) {
                    a.send(new AgentMessage.Keepalive(client(a.index)).toJson());
                }
            }
            tick++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9 / elapsed / Runtime.getRuntime().availableProcessors();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();   // wait up to 2 min for the last acks
        while (ACKS.get() < sent.get() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        System.out.printf(Locale.ROOT, "result %d %d %.1f %.1f %.0f %d %d %d %d %.1f %.1f%n", sent.get(), ACKS.get(),
                percentile(HISTOGRAM, ACKS.get(), 0.50), percentile(HISTOGRAM, ACKS.get(), 0.99), cpu * 100,
                SEND_FAILURES.get(), RECONNECTS.get(), steadyAfterSeconds, STEADY_ACKS.get(),
                percentile(STEADY, STEADY_ACKS.get(), 0.50), percentile(STEADY, STEADY_ACKS.get(), 0.99));
        System.out.flush();
        STOPPING = true;
        for (Agent a : sim) {
            WebSocketClient c = a.ws;
            if (c != null) {
                c.close();
            }
        }
        System.exit(0);
    }

    private static Map<String, Object> client(int i) {
        return Map.of("name", "agent-" + i, "address", "127.0.0.1", "subscriptions", List.of("sim"),
                "keepalive", Map.of("thresholds", Map.of("warning", 40, "critical", 60)), "version", "1.9.0",
                "timestamp", System.currentTimeMillis() / 1000);
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
}
