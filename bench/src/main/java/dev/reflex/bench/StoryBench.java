package dev.reflex.bench;

import com.sun.net.httpserver.HttpServer;
import dev.reflex.agent.Agent;
import dev.reflex.agent.AgentSettings;
import dev.reflex.app.App;
import dev.reflex.config.ReflexConfig;
import dev.reflex.executions.RunnerSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Seed 000's loop, timed: from the third CRITICAL {@code check_load} result (submitted to the agent's
 * local HTTP socket, as any program on the host can) to the summary posted to chat, with the
 * {@code linux.diag_loadavg} chain run through the agent. One in-process server (SQLite, the built-in
 * packs, {@code sensu.loadavg_diag} enabled, {@code chat:} pointing at a local stand-in), one
 * in-process agent allowed to run the diagnostics. Each run resolves the event first (an OK result),
 * so every third CRITICAL result starts a new incident.
 *
 * <p>With {@code ssh KEY KNOWN_HOSTS PORT}, the same chain runs over SSH to a local OpenSSH server
 * instead: {@code linux.diag_loadavg} is requested for {@code 127.0.0.1} (the event and rule part is the
 * same in both and is left out), timed from the request to the chat post.
 *
 * <p>Usage: {@code StoryBench RUNS [ssh KEY KNOWN_HOSTS PORT]}.
 */
public final class StoryBench {

    private StoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        boolean ssh = args.length > 1 && args[1].equals("ssh");
        Path dir = Files.createTempDirectory("reflex-bench-story");
        LinkedBlockingQueue<Long> posted = new LinkedBlockingQueue<>();
        HttpServer chat = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        chat.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (body.contains("Load diagnostics for bench-host") || body.contains("Load diagnostics for 127.0.0.1\\n")) {
                posted.add(now);
            }
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        chat.start();
        ReflexConfig config = ReflexConfig.defaults().withDataDir(dir.resolve("server"))
                .withHttp(ReflexConfig.Http.defaults().withPort(0))
                .withChat(new ReflexConfig.Chat("slack-webhook", "http://127.0.0.1:" + chat.getAddress().getPort() + "/hook",
                        null, "#ops", null, Duration.ofSeconds(10), 0));
        RunnerSettings runnerSettings = ssh ? RunnerSettings.defaults().withRemote(dev.reflex.runners.remote.RemoteRunnerConfig
                .defaults(Path.of(args[3])).withDefaultPrivateKey(Path.of(args[2]))) : RunnerSettings.defaults();
        try (App app = new App(config, Clock.systemUTC(), runnerSettings).start()) {
            if (ssh) {
                viaSsh(app, runs, Integer.parseInt(args[4]), posted);
                return;
            }
            app.rules().update("sensu.loadavg_diag", app.rules().get("sensu.loadavg_diag").orElseThrow().withEnabled(true));
            Path client = dir.resolve("client.yaml");
            Files.writeString(client, """
                    client:
                      name: bench-host
                      address: 127.0.0.1
                      subscriptions: []
                      socket: {bind: 127.0.0.1, port: 0}
                      http_socket: {bind: 127.0.0.1, port: 0}
                      allow_remote_commands: true
                      allowed_remote_commands: ["check_loadavg.sh *", "check_processes.sh *", "netstat_grep.sh *", "lsof_pids.sh *"]
                    """);
            var settings = AgentSettings.load(List.of(client));
            if (!settings.problems().isEmpty()) {
                throw new IllegalStateException(settings.problems().toString());
            }
            try (Agent agent = new Agent(settings.value(), "http://127.0.0.1:" + app.httpPort(), null, dir.resolve("agent"),
                    Clock.systemUTC()).start()) {
                while (!app.sensu().hub().connectedClients().contains("bench-host")) {
                    Thread.sleep(20);
                }
                URI results = URI.create("http://127.0.0.1:" + agent.sockets().httpPort() + "/results");
                HttpClient http = HttpClient.newHttpClient();
                int warmup = Math.max(5, runs / 10);
                long[] latency = new long[runs];
                for (int i = -warmup; i < runs; i++) {
                    submit(http, results, 0, "LOAD OK - load average per CPU: 0.10, 0.10, 0.10");
                    submit(http, results, 2, "LOAD CRITICAL - load average per CPU: 9.00, 9.00, 9.00");
                    submit(http, results, 2, "LOAD CRITICAL - load average per CPU: 9.00, 9.00, 9.00");
                    long t0 = System.nanoTime();
                    submit(http, results, 2, "LOAD CRITICAL - load average per CPU: 9.00, 9.00, 9.00");
                    Long t1 = posted.poll(60, TimeUnit.SECONDS);
                    if (t1 == null) {
                        throw new IllegalStateException("no chat post within 60 s in run " + i);
                    }
                    if (i >= 0) {
                        latency[i] = t1 - t0;
                    }
                }
                Arrays.sort(latency);
                System.out.printf(Locale.ROOT, "third CRITICAL result -> chat post, diagnostics through the agent, %d runs"
                                + " (ms): p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", runs, pct(latency, 0.5), pct(latency, 0.9),
                        pct(latency, 0.99), latency[runs - 1] / 1e6);
            }
        } finally {
            chat.stop(0);
        }
    }

    private static void viaSsh(App app, int runs, int port, LinkedBlockingQueue<Long> posted) throws Exception {
        var engine = app.executions().executions();
        java.util.Map<String, Object> params = java.util.Map.of("hostname", "127.0.0.1", "port", port, "sudo", false);
        long[] latency = new long[runs];
        for (int i = -Math.max(5, runs / 10); i < runs; i++) {
            long t0 = System.nanoTime();
            engine.request("linux.diag_loadavg", params, java.util.Map.of(), false);
            Long t1 = posted.poll(60, TimeUnit.SECONDS);
            if (t1 == null) {
                throw new IllegalStateException("no chat post within 60 s in run " + i);
            }
            if (i >= 0) {
                latency[i] = t1 - t0;
            }
        }
        Arrays.sort(latency);
        System.out.printf(Locale.ROOT, "linux.diag_loadavg requested -> chat post, over SSH (pooled sessions), %d runs"
                        + " (ms): p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", runs, pct(latency, 0.5), pct(latency, 0.9),
                pct(latency, 0.99), latency[runs - 1] / 1e6);
    }

    private static void submit(HttpClient http, URI results, int status, String output) throws Exception {
        String body = """
                {"name": "check_load", "status": %d, "output": "%s", "handlers": ["diagnostics"], "occurrences": 3,
                 "refresh": 1800, "interval": 10}""".formatted(status, output);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(results).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("the agent refused the result: " + r.statusCode() + " " + r.body());
        }
    }

    private static double pct(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
