package dev.reflex.bench;

import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import dev.reflex.runners.local.LocalRunnerConfig;
import dev.reflex.runners.local.LocalShellRunner;
import dev.reflex.runners.remote.RemoteRunnerConfig;
import dev.reflex.runners.remote.RemoteShellRunner;
import dev.reflex.runners.remote.SshConnections;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The runners benchmark, run by {@code bench/scripts/runners.sh}: (a) {@code local-shell-cmd} with
 * {@code cmd=true} against a bare {@code ProcessBuilder("true")} spawn, interleaved in the same run;
 * (b) {@code remote-shell-cmd} with pooled connections against OpenSSH servers on loopback, and the
 * {@code ssh} client binary (with a ControlMaster connection, and plain) running the same command on
 * the same servers. Prints its figures and ends with one summary line.
 *
 * <p>Arguments: {@code local ITERATIONS} and, for SSH, {@code ssh KEY KNOWN_HOSTS CONTROL_DIR PORT,PORT,… EXECUTIONS}.
 */
public final class RunnersBench {

    private RunnersBench() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = Integer.parseInt(args[0]);
        String local = local(iterations);
        String ssh = args.length > 1 ? ssh(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]),
                Arrays.stream(args[4].split(",")).map(Integer::parseInt).toList(), Integer.parseInt(args[5])) : "ssh skipped";
        System.out.println("runners: " + local + "; " + ssh);
    }

    private static String local(int iterations) throws Exception {
        LocalShellRunner runner = LocalShellRunner.command(LocalRunnerConfig.defaults());
        RunRequest request = RunRequest.of("bench", "core.local").withRunnerParameters(Map.of("cmd", "true"));
        for (int i = 0; i < iterations / 10 + 20; i++) {
            bare();
            check(runner.run(request, RunContext.standalone(Clock.systemUTC())));
        }
        long[] bare = new long[iterations];
        long[] viaRunner = new long[iterations];
        long[] viaShell = new long[iterations];
        long[] viaSetsid = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            bare();
            long t1 = System.nanoTime();
            check(runner.run(request, RunContext.standalone(Clock.systemUTC())));
            long t2 = System.nanoTime();
            spawn("/bin/sh", "-c", "true");
            long t3 = System.nanoTime();
            spawn("/usr/bin/setsid", "-w", "/bin/sh", "-c", "true");
            long t4 = System.nanoTime();
            bare[i] = t1 - t0;
            viaRunner[i] = t2 - t1;
            viaShell[i] = t3 - t2;
            viaSetsid[i] = t4 - t3;
        }
        int threads = Runtime.getRuntime().availableProcessors() * 2;
        double concurrentRunner = concurrent(threads, iterations, () -> check(runner.run(request, RunContext.standalone(Clock.systemUTC()))));
        double concurrentBare = concurrent(threads, iterations, RunnersBench::bare);
        Stats b = Stats.of(bare);
        Stats r = Stats.of(viaRunner);
        System.out.printf(Locale.ROOT, "local: %d interleaved runs each%n", iterations);
        System.out.printf(Locale.ROOT, "  bare ProcessBuilder(\"true\")      %7.0f/s sequential, %7.0f/s with %d threads; p50 %6.2f ms, p99 %6.2f ms%n",
                b.perSecond(), concurrentBare, threads, b.p50(), b.p99());
        System.out.printf(Locale.ROOT, "  local-shell-cmd cmd=true          %7.0f/s sequential, %7.0f/s with %d threads; p50 %6.2f ms, p99 %6.2f ms%n",
                r.perSecond(), concurrentRunner, threads, r.p50(), r.p99());
        Stats sh = Stats.of(viaShell);
        Stats setsid = Stats.of(viaSetsid);
        System.out.printf(Locale.ROOT, "  for reference, bare spawns of what the runner execs: sh -c true p50 %.2f ms; setsid -w sh -c true p50 %.2f ms%n",
                sh.p50(), setsid.p50());
        System.out.printf(Locale.ROOT, "  overhead: mean +%.2f ms, p50 +%.2f ms, p99 +%.2f ms; runner/bare time ratio %.2f (mean), %.2f (p99)%n",
                r.mean() - b.mean(), r.p50() - b.p50(), r.p99() - b.p99(), r.mean() / b.mean(), r.p99() / b.p99());
        return String.format(Locale.ROOT, "local cmd=true %.0f/s vs bare spawn %.0f/s (ratio %.2f, p99 overhead +%.2f ms)",
                r.perSecond(), b.perSecond(), r.mean() / b.mean(), r.p99() - b.p99());
    }

    private static String ssh(Path key, Path knownHosts, Path controlDir, List<Integer> ports, int executions) throws Exception {
        RemoteRunnerConfig config = RemoteRunnerConfig.defaults(knownHosts).withDefaultPrivateKey(key);
        try (SshConnections connections = new SshConnections(config, Clock.systemUTC())) {
            RemoteShellRunner runner = RemoteShellRunner.command(connections);
            for (int i = 0; i < ports.size() * 3; i++) {
                check(runner.run(remote(ports.get(i % ports.size())), RunContext.standalone(Clock.systemUTC())));
            }
            long connectsBefore = connections.connects();
            long[] sequential = new long[executions];
            long start = System.nanoTime();
            for (int i = 0; i < executions; i++) {
                long t0 = System.nanoTime();
                check(runner.run(remote(ports.get(i % ports.size())), RunContext.standalone(Clock.systemUTC())));
                sequential[i] = System.nanoTime() - t0;
            }
            double sequentialRate = executions / ((System.nanoTime() - start) / 1e9);
            double parallelRate = concurrent(ports.size(), executions, new Runnable() {
                private int next;

                @Override
                public void run() {
                    int port;
                    synchronized (this) {
                        port = ports.get(next++ % ports.size());
                    }
                    check(runner.run(remote(port), RunContext.standalone(Clock.systemUTC())));
                }
            });
            long reconnects = connections.connects() - connectsBefore;

            List<String> common = List.of("ssh", "-i", key.toString(), "-o", "UserKnownHostsFile=" + knownHosts,
                    "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR");
            List<String> master = new ArrayList<>(common);
            master.addAll(List.of("-o", "ControlMaster=auto", "-o", "ControlPath=" + controlDir + "/cm-%p", "-o", "ControlPersist=300"));
            for (int port : ports) {
                ssh(master, port, "true");
            }
            long[] controlMaster = new long[executions];
            for (int i = 0; i < executions; i++) {
                long t0 = System.nanoTime();
                ssh(master, ports.get(i % ports.size()), "true");
                controlMaster[i] = System.nanoTime() - t0;
            }
            int plainRuns = Math.max(10, executions / 5);
            long[] plain = new long[plainRuns];
            for (int i = 0; i < plainRuns; i++) {
                long t0 = System.nanoTime();
                ssh(common, ports.get(i % ports.size()), "true");
                plain[i] = System.nanoTime() - t0;
            }
            for (int port : ports) {
                List<String> exit = new ArrayList<>(master);
                exit.addAll(List.of("-O", "exit"));
                ssh(exit, port, null);
            }
            Stats r = Stats.of(sequential);
            Stats cm = Stats.of(controlMaster);
            Stats p = Stats.of(plain);
            System.out.printf(Locale.ROOT, "ssh: %d servers on loopback, %d executions of `true`, pooled connections (%d new connections during the measured runs)%n",
                    ports.size(), executions, reconnects);
            System.out.printf(Locale.ROOT, "  remote-shell-cmd (Reflex)         %7.1f/s sequential, %7.1f/s with %d in parallel; p50 %6.2f ms, p99 %6.2f ms%n",
                    sequentialRate, parallelRate, ports.size(), r.p50(), r.p99());
            System.out.printf(Locale.ROOT, "  ssh ControlMaster=auto            %7.1f/s sequential; p50 %6.2f ms, p99 %6.2f ms%n",
                    cm.perSecond(), cm.p50(), cm.p99());
            System.out.printf(Locale.ROOT, "  ssh, new connection each time     %7.1f/s sequential; p50 %6.2f ms, p99 %6.2f ms (%d runs)%n",
                    p.perSecond(), p.p50(), p.p99(), plainRuns);
            System.out.printf(Locale.ROOT, "  per command: Reflex %.2f ms vs ssh ControlMaster %.2f ms (ratio %.2f) vs plain ssh %.2f ms%n",
                    r.mean(), cm.mean(), r.mean() / cm.mean(), p.mean());
            return String.format(Locale.ROOT, "ssh %d servers %.0f exec/s sequential, %.0f exec/s parallel, %.2f ms/command vs ssh ControlMaster %.2f ms (ratio %.2f), plain ssh %.1f ms",
                    ports.size(), sequentialRate, parallelRate, r.mean(), cm.mean(), r.mean() / cm.mean(), p.mean());
        }
    }

    private static RunRequest remote(int port) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("hosts", "127.0.0.1:" + port);
        params.put("cmd", "true");
        return RunRequest.of("bench", "core.remote").withRunnerParameters(params);
    }

    private static void ssh(List<String> base, int port, String command) {
        List<String> argv = new ArrayList<>(base);
        argv.addAll(List.of("-p", String.valueOf(port), System.getProperty("user.name") + "@127.0.0.1"));
        if (command != null) {
            argv.add(command);
        }
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0 && command != null) {
                throw new IllegalStateException("ssh failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void bare() {
        spawn("true");
    }

    private static void spawn(String... argv) {
        try {
            Process process = new ProcessBuilder(argv).start();
            process.getOutputStream().close();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed");
            }
            process.getInputStream().close();
            process.getErrorStream().close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void check(RunOutcome outcome) {
        if (!(outcome instanceof RunOutcome.Succeeded)) {
            throw new IllegalStateException("run did not succeed: " + outcome);
        }
    }

    /** Runs {@code total} tasks on {@code threads} virtual threads; returns tasks per second. */
    private static double concurrent(int threads, int total, Runnable task) throws Exception {
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofVirtual().factory())) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                futures.add(pool.submit(task));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }

    /** Latency figures in milliseconds. */
    private record Stats(double mean, double p50, double p99, double perSecond) {
        static Stats of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            double total = Arrays.stream(sorted).sum();
            return new Stats(total / sorted.length / 1e6, pct(sorted, 0.50), pct(sorted, 0.99), sorted.length / (total / 1e9));
        }

        private static double pct(long[] sorted, double q) {
            int index = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }
}
