package dev.reflex.bench;

import dev.reflex.app.App;
import dev.reflex.config.ReflexConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * HTTP requests per second on an authenticated Reflex endpoint against a bare Jetty hello-world,
 * in the same run, driven by {@code wrk} on loopback with the same threads, connections and duration.
 *
 * <p>Usage: {@code HttpBench [seconds] [connections]}. Prints one line per target and a summary line.
 */
public final class HttpBench {

    private static final String KEY = "bench-key-0123456789";

    private HttpBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Path data = Files.createTempDirectory("reflex-bench-http");

        Server jetty = bareJetty();
        int jettyPort = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        // the same framework set-up as Reflex's API (virtual threads), answering a constant: separates
        // the framework's cost from Reflex's own (auth, store read, JSON, metrics)
        io.javalin.Javalin javalin = io.javalin.Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.startupWatcherEnabled = false;
            c.concurrency.useVirtualThreads = true;
            c.routes.get("/", ctx -> ctx.result("hello"));
        }).start("127.0.0.1", 0);

        ReflexConfig cfg = ReflexConfig.defaults().withDataDir(data)
                .withHttp(new ReflexConfig.Http("127.0.0.1", 0, 1024 * 1024, true))
                .withApiKeys(List.of(new ReflexConfig.ApiKey("bench", KEY, true)));
        try (App app = new App(cfg, Clock.systemUTC()).start()) {
            app.store().keyValues().put("bench.greeting", "hello from the datastore", false, null);
            int port = app.httpPort();
            String reflexUrl = "http://127.0.0.1:" + port + "/api/v1/keys/bench.greeting";
            String jettyUrl = "http://127.0.0.1:" + jettyPort + "/";
            String javalinUrl = "http://127.0.0.1:" + javalin.port() + "/";

            // warm every server's JIT before measuring
            wrk(jettyUrl, List.of(), 5, connections);
            wrk(javalinUrl, List.of(), 5, connections);
            wrk(reflexUrl, List.of("St2-Api-Key: " + KEY), 5, connections);

            Result bare = wrk(jettyUrl, List.of(), seconds, connections);
            Result frame = wrk(javalinUrl, List.of(), seconds, connections);
            Result reflex = wrk(reflexUrl, List.of("St2-Api-Key: " + KEY), seconds, connections);
            System.out.printf(Locale.ROOT, "bare jetty   GET /                         %10.0f req/s  p50 %s  p99 %s  errors %d%n",
                    bare.rps, bare.p50, bare.p99, bare.errors);
            System.out.printf(Locale.ROOT, "bare javalin GET / (virtual threads)       %10.0f req/s  p50 %s  p99 %s  errors %d%n",
                    frame.rps, frame.p50, frame.p99, frame.errors);
            System.out.printf(Locale.ROOT, "reflex       GET /api/v1/keys/{name} (auth) %9.0f req/s  p50 %s  p99 %s  errors %d%n",
                    reflex.rps, reflex.p50, reflex.p99, reflex.errors);
            System.out.printf(Locale.ROOT, "http: reflex authenticated %.0f req/s, bare jetty %.0f req/s, ratio %.2f"
                    + " (%d s, %d connections, wrk -t2)%n", reflex.rps, bare.rps, reflex.rps / bare.rps, seconds, connections);
        } finally {
            javalin.stop();
            jetty.stop();
        }
    }

    private static Server bareJetty() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        server.start();
        return server;
    }

    /** What wrk measured. */
    record Result(double rps, String p50, String p99, long errors) {
    }

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P50 = Pattern.compile("\\s50%\\s+(\\S+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+(\\S+)");
    private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    static Result wrk(String url, List<String> headers, int seconds, int connections)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency"));
        for (String h : headers) {
            cmd.add("-H");
            cmd.add(h);
        }
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("wrk failed:\n" + out);
        }
        long errors = 0;
        Matcher m = NON2XX.matcher(out);
        if (m.find()) {
            errors += Long.parseLong(m.group(1));
        }
        m = SOCKET.matcher(out);
        if (m.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(m.group(i));
            }
        }
        return new Result(find(RPS, out, url), group(P50, out), group(P99, out), errors);
    }

    private static double find(Pattern p, String out, String url) throws IOException {
        Matcher m = p.matcher(out);
        if (!m.find()) {
            throw new IOException("unexpected wrk output for " + url + ":\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String group(Pattern p, String out) {
        Matcher m = p.matcher(out);
        return m.find() ? m.group(1) : "?";
    }
}
