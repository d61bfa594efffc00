package dev.reflex.api;

import dev.reflex.app.Service;
import dev.reflex.config.ReflexConfig;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: Javalin on virtual threads, every endpoint declared by an {@link ApiModule},
 * authorised by {@link Auth}, timed into the metrics registry, and every error answered as
 * {@code application/problem+json}. {@link AsyncPost} endpoints (the webhooks) are answered by a lean
 * Jetty handler ({@link AsyncPostHandler}) that wraps Javalin's servlet context and applies the same
 * authorisation, limits, problems and timers.
 */
public final class ApiServer implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final ReflexConfig.Http http;
    private final Auth auth;
    private final List<ApiModule> modules;
    private final MeterRegistry meters;
    private final ConcurrentHashMap<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final List<Routes.Route> routes = new ArrayList<>();
    private final List<Routes.WebSocketRoute> webSockets = new ArrayList<>();
    private final List<AsyncPost> asyncPosts = new ArrayList<>();
    private Javalin javalin;

    /**
     * @param http    where to listen and how large a request may be
     * @param keys    the accepted API keys
     * @param modules the endpoint groups to serve
     * @param meters  where request timings go
     * @throws IllegalArgumentException if keys are required but none are configured
     */
    public ApiServer(ReflexConfig.Http http, List<ReflexConfig.ApiKey> keys, List<ApiModule> modules,
                     MeterRegistry meters) {
        this.http = http;
        this.auth = new Auth(http, keys);
        this.modules = List.copyOf(modules);
        this.meters = meters;
    }

    @Override
    public String name() {
        return "http";
    }

    /** The declared endpoints; filled in at start. */
    public List<Routes.Route> routes() {
        return List.copyOf(routes);
    }

    /** Whether requests need an API key. */
    public boolean authRequired() {
        return auth.required();
    }

    @Override
    public void start() {
        Routes declared = new Routes();
        for (ApiModule m : modules) {
            m.routes(declared);
        }
        routes.clear();
        routes.addAll(declared.all());
        webSockets.clear();
        webSockets.addAll(declared.webSockets());
        asyncPosts.clear();
        asyncPosts.addAll(declared.asyncPosts());
        javalin = Javalin.create(this::configure);
        javalin.start(http.bind(), http.port());
        LOG.info("HTTP API listening on http://{}:{} ({} endpoints, API keys {})", http.bind(), javalin.port(),
                routes.size(), auth.required() ? "required" : "optional");
    }

    private void configure(JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.startupWatcherEnabled = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.concurrency.useVirtualThreads = true;
        cfg.http.maxRequestSize = http.maxRequestBytes();
        cfg.http.prefer405over404 = true;
        cfg.jsonMapper(new JavalinJackson(Json.mapper(), true));
        cfg.jetty.modifyServer(ApiServer::tuneConnectors);
        if (!asyncPosts.isEmpty()) {
            // A wrapper with no child: Javalin puts its servlet context inside it when it starts.
            AsyncPostHandler lean = new AsyncPostHandler(asyncPosts, new LeanServer());
            cfg.jetty.modifyServer(server -> server.setHandler(lean));
        }
        for (Routes.Route r : routes) {
            Access access = r.access();
            io.javalin.http.Handler h = r.handler();
            cfg.routes.addHttpHandler(r.method(), r.path(), ctx -> {
                ctx.attribute(Caller.class.getName(), auth.authorize(ctx, access));
                h.handle(ctx);
            });
        }
        for (Routes.WebSocketRoute w : webSockets) {
            Access access = w.access();
            cfg.routes.addHttpHandler(io.javalin.http.HandlerType.WEBSOCKET_BEFORE_UPGRADE, w.path(),
                    ctx -> ctx.attribute(Caller.class.getName(), auth.authorize(ctx, access)));
            cfg.routes.addWsHandler(io.javalin.websocket.WsHandlerType.WEBSOCKET, w.path(), w.handler());
        }
        cfg.routes.exception(ApiException.class, (e, ctx) ->
                problem(ctx, e.status(), e.title(), e.getMessage(), e.errors()));
        cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
                problem(ctx, e.getStatus(), reason(e.getStatus()), detail(e.getStatus(), ctx, e.getMessage()), List.of()));
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            ctx.status(500);
            ctx.contentType(Problem.MEDIA_TYPE);
            ctx.result(internalError(ctx.method().name(), ctx.path(), e));
        });
        for (int status : new int[] {404, 405, 413}) {
            cfg.routes.error(status, "*", ctx -> {
                if (!Problem.MEDIA_TYPE.equals(ctx.res().getContentType())) {
                    problem(ctx, status, reason(status), detail(status, ctx, null), List.of());
                }
            });
        }
        cfg.requestLogger.http(this::record);
    }

    /**
     * Request buffers this size come from a bucket of Jetty's buffer pool of their own. By default they
     * are 8 KiB, the size of the buffer every response's headers are written into. A connection keeps its
     * request buffer while its request waits for a commit, so with hundreds of webhooks waiting, every
     * response's header buffer was found only after a scan over hundreds of held entries of the shared
     * bucket (6 % of the webhook path's CPU in a profile at 256 connections).
     */
    static final int REQUEST_BUFFER_BYTES = 16 * 1024;

    /**
     * Connections the kernel may hold for the acceptor (the listen backlog; the kernel caps it at
     * {@code net.core.somaxconn}). Jetty's default, 0, leaves the JDK's 50: a burst of new connections
     * overflowed it, the kernel dropped their SYNs, and those clients retried after one second, then
     * three: stalls of seconds for a sender that opens connections as it needs them.
     */
    static final int ACCEPT_QUEUE = 1024;

    /** Request buffers of their own size and a listen backlog larger than the JDK's default. */
    private static void tuneConnectors(Server server) {
        // the connectors are added after this hook runs, and before the server starts
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector c : server.getConnectors()) {
                    HttpConnectionFactory http = c.getConnectionFactory(HttpConnectionFactory.class);
                    if (http != null) {
                        http.setInputBufferSize(REQUEST_BUFFER_BYTES);
                    }
                    if (c instanceof org.eclipse.jetty.server.ServerConnector sc) {
                        sc.setAcceptQueueSize(ACCEPT_QUEUE);
                    }
                }
            }
        });
    }

    /** The listen backlog of the HTTP connectors, for tests. */
    List<Integer> acceptQueueSizes() {
        return java.util.Arrays.stream(javalin.jettyServer().server().getConnectors())
                .filter(c -> c instanceof org.eclipse.jetty.server.ServerConnector)
                .map(c -> ((org.eclipse.jetty.server.ServerConnector) c).getAcceptQueueSize()).toList();
    }

    /** The input buffer size of the HTTP connectors, for tests. */
    List<Integer> requestBufferSizes() {
        return java.util.Arrays.stream(javalin.jettyServer().server().getConnectors())
                .map(c -> c.getConnectionFactory(HttpConnectionFactory.class)).filter(java.util.Objects::nonNull)
                .map(HttpConnectionFactory::getInputBufferSize).toList();
    }

    private void record(Context ctx, Float millis) {
        Endpoint e = ctx.endpoints().lastHttpEndpoint();
        record(ctx.method().name(), e == null ? "unmatched" : e.path, ctx.statusCode(), (long) (millis * 1_000_000L));
    }

    private void record(String method, String route, int status, long nanos) {
        TimerKey key = new TimerKey(method, route, status);
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, k -> Timer.builder("reflex.http.requests").description("HTTP API requests")
                    .tag("method", k.method()).tag("route", k.route()).tag("status", Integer.toString(k.status()))
                    .register(meters));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Logs an unexpected failure with a fresh reference and returns the 500 problem naming it. */
    private static byte[] internalError(String method, String path, Throwable e) {
        String ref = UUID.randomUUID().toString();
        LOG.error("internal error answering {} {} (reference {})", method, path, ref, e);
        return Json.write(new Problem("about:blank", "Internal Server Error", 500,
                "the server failed to answer this request; see the server log, reference " + ref, path, List.of()))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** What the lean handler of the {@link AsyncPost} endpoints uses of this server. */
    private final class LeanServer implements AsyncPostHandler.Server {
        @Override
        public Caller authorize(String presentedKey, Access access) {
            return auth.authorize(presentedKey, access);
        }

        @Override
        public int maxRequestBytes() {
            return (int) Math.min(Integer.MAX_VALUE - 16, http.maxRequestBytes());
        }

        @Override
        public void record(String method, String route, int status, long nanos) {
            ApiServer.this.record(method, route, status, nanos);
        }

        @Override
        public byte[] problem(int status, String title, String detail, String instance, List<String> errors) {
            return Json.write(new Problem("about:blank", title, status, detail, instance, errors)).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] internalError(String method, String path, Throwable failure) {
            return ApiServer.internalError(method, path, failure);
        }
    }

    /**
     * The tags of one request timer: looked up per request without building a Micrometer id. Its
     * hash is computed once and equality compares the (usually identical) strings directly, cheaper
     * per request than a record's generated methods.
     */
    private static final class TimerKey {
        private final String method;
        private final String route;
        private final int status;
        private final int hash;

        TimerKey(String method, String route, int status) {
            this.method = method;
            this.route = route;
            this.status = status;
            this.hash = (method.hashCode() * 31 + route.hashCode()) * 31 + status;
        }

        String method() {
            return method;
        }

        String route() {
            return route;
        }

        int status() {
            return status;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TimerKey k && k.hash == hash && k.status == status && k.route.equals(route)
                    && k.method.equals(method);
        }
    }

    /** A useful detail for the statuses Javalin raises by itself; {@code fallback} for the others. */
    private String detail(int status, Context ctx, String fallback) {
        return switch (status) {
            case 404 -> "no endpoint at " + ctx.path();
            case 405 -> ctx.method() + " is not allowed on " + ctx.path();
            case 413 -> "the request body is larger than " + http.maxRequestBytes() + " bytes";
            default -> fallback == null ? reason(status) : fallback;
        };
    }

    static void problem(Context ctx, int status, String title, String detail, List<String> errors) {
        ctx.status(status);
        ctx.contentType(Problem.MEDIA_TYPE);
        ctx.result(Json.write(new Problem("about:blank", title, status, detail, ctx.path(), errors)));
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }

    /** The caller of the request being handled, as authorised for its endpoint. */
    public static Caller caller(Context ctx) {
        Caller c = ctx.attribute(Caller.class.getName());
        return c == null ? Caller.ANONYMOUS : c;
    }

    /** The bound port; useful when configured with port 0. */
    public int port() {
        if (javalin == null) {
            throw new IllegalStateException("the HTTP API is not started");
        }
        return javalin.port();
    }

    @Override
    public void stop() {
        if (javalin != null) {
            javalin.stop();
        }
    }
}
