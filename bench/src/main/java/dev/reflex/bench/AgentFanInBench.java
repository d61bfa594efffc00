package dev.reflex.bench;

import dev.reflex.app.App;
import dev.reflex.config.ReflexConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many simulated agents ({@link AgentSimulator}, in a JVM of their own) on loopback WebSockets against
 * one in-process server (SQLite store): each registers, sends a keepalive every 20 s and runs 10 checks
 * at a 10 s interval (one result a second, spread evenly), and measures the time from sending a result
 * to its acknowledgement (stored durably). Agents carry keepalive thresholds of 40/60 s so that a
 * stalled keepalive path shows within the run; at the end the server must hold no keepalive event. CPU
 * and heap are the server JVM's alone; the simulator reports its own CPU.
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
            String uri = "ws://127.0.0.1:" + app.httpPort() + "/api/v1/agent/ws";
            // The simulated agents run in a JVM of their own: with both ends of 10,000 sockets in one process
            // the file-descriptor limit (20,000 here) is reached, and the server's CPU would include theirs.
            String java = ProcessHandle.current().info().command().orElse("java");
            Process sim = new ProcessBuilder(java, "-Xmx" + System.getProperty("bench.simHeap", "2g"),
                    "-Djdk.httpclient.connectionPoolSize=0", "-cp", System.getProperty("java.class.path"),
                    AgentSimulator.class.getName(), uri, Integer.toString(agents), Integer.toString(seconds))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            String summary = null;
            long cpu0 = 0;
            long start = 0;
            long maxHeap;
            try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(sim.getInputStream()))) {
                String line;
                while ((line = out.readLine()) != null) {
                    System.out.println("simulator: " + line);
                    if (line.startsWith("connected ")) {
                        cpu0 = os.getProcessCpuTime();
                        start = System.nanoTime();
                        // sample the heap once a second from here on, on this thread's spare time
                        Thread.ofVirtual().start(() -> sampleHeap());
                    } else if (line.startsWith("result ")) {
                        summary = line.substring("result ".length());
                    }
                }
            }
            if (sim.waitFor() != 0 || summary == null || start == 0) {
                throw new IllegalStateException("the agent simulator failed (exit " + sim.exitValue() + ")");
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9 / elapsed / Runtime.getRuntime().availableProcessors();
            maxHeap = MAX_HEAP.get();
            app.sensu().engine().sweepKeepalives().forEach(CompletableFuture::join);
            long keepaliveEvents = app.sensu().tables().events().events().stream()
                    .filter(e -> e.checkName().equals("keepalive")).count();
            // sent acks p50 p99 simulatorCpu sendFailures reconnects steadyAfterS steadyAcks steadyP50 steadyP99
            String[] f = summary.split(" ");
            long sent = Long.parseLong(f[0]);
            System.out.printf(Locale.ROOT, "sent %d results (%.0f/s), acknowledged %s; ack latency p50 %s ms, p99 %s ms;"
                    + " server CPU %.0f%% of %d cores (simulator %s%%); server heap max %d MB; keepalive events %d;"
                    + " clients registered %d; connections lost %s, reconnected %s%n",
                    sent, sent / elapsed, f[1], f[2], f[3], cpu * 100, Runtime.getRuntime().availableProcessors(), f[4],
                    maxHeap >> 20, keepaliveEvents, app.sensu().tables().clients().names().size(), f[5], f[6]);
            System.out.printf(Locale.ROOT, "steady state (results sent after the first %s s): %s acknowledged, ack p50 %s ms,"
                    + " p99 %s ms%n", f[7], f[8], f[9], f[10]);
            System.out.printf(Locale.ROOT, "fan-in: %d agents x 10 checks at 10 s, %.0f results/s for %d s, ack p99 %s ms"
                    + " (after the first %s s: %s ms), server CPU %.0f%%, heap max %d MB, %d spurious keepalive events%n",
                    agents, sent / elapsed, seconds, f[3], f[7], f[10], cpu * 100, maxHeap >> 20, keepaliveEvents);
        }
    }

    private static final AtomicLong MAX_HEAP = new AtomicLong();

    private static void sampleHeap() {
        while (true) {
            MAX_HEAP.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            try {
                TimeUnit.SECONDS.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
