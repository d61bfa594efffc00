package dev.reflex.sensu;

import dev.reflex.api.ApiException;
import dev.reflex.api.Json;
import dev.reflex.api.Routes;
import dev.reflex.app.Service;
import dev.reflex.config.ReflexConfig;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sensu 1.x's API at Sensu's own root paths ({@code /events}, {@code /results} …) on a port of its own
 * ({@code sensu.api} in {@code reflex.yaml}), so that Sensu tools and handlers that call the API work
 * unchanged. The endpoints are the very ones {@link SensuApi} mounts under {@code /sensu/} on Reflex's
 * API port, mounted here at the empty prefix; what differs is the envelope, which is Sensu's: HTTP
 * basic authentication ({@link SensuBasicAuth}) instead of Reflex API keys, the {@code X-Request-ID},
 * CORS and {@code Connection: close} headers on every answer, errors as a bare status with an empty
 * body, {@code 405} with {@code Allow} for a known path asked with another method, {@code OPTIONS}
 * answered without credentials, and malformed integer query parameters ignored.
 */
public final class SensuApiPort implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(SensuApiPort.class);

    /** The header where the detail of an error goes, since Sensu's error bodies are empty. */
    public static final String ERROR_HEADER = "X-Reflex-Error";

    /** The context attribute that marks a request as arriving on this port. */
    static final String ROOT_ATTRIBUTE = SensuApiPort.class.getName() + ".root";

    private static final Pattern REQUEST_ID = Pattern.compile("[\\x21-\\x7e]{1,200}");
    private static final List<HandlerType> SENSU_METHOD_ORDER =
            List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST, HandlerType.PUT, HandlerType.DELETE);

    private final ReflexConfig.SensuApi settings;
    private final long maxRequestBytes;
    private final SensuBasicAuth auth;
    private final List<Routes.Route> routes;
    private Javalin javalin;

    /**
     * @param settings        where to listen, and the credentials
     * @param maxRequestBytes the largest request body accepted, as on Reflex's API port
     * @param api             the Sensu endpoints, mounted here at Sensu's root paths
     * @param secrets         looks up a {@code kv:NAME} password in the key-value store
     */
    public SensuApiPort(ReflexConfig.SensuApi settings, long maxRequestBytes, SensuApi api,
                        Function<String, Optional<String>> secrets) {
        this.settings = settings;
        this.maxRequestBytes = maxRequestBytes;
        this.auth = new SensuBasicAuth(settings, secrets);
        Routes declared = new Routes();
        api.mount(declared, "");
        this.routes = declared.all();
    }

    @Override
    public String name() {
        return "sensu-api";
    }

    @Override
    public void start() {
        javalin = Javalin.create(this::configure);
        try {
            javalin.start(settings.bind(), settings.port());
        } catch (RuntimeException e) {
            javalin.stop();
            throw new IllegalStateException("the Sensu API cannot listen on " + settings.bind() + ":" + settings.port()
                    + " (sensu.api in reflex.yaml; Sensu's own server may hold that port): " + e.getMessage(), e);
        }
        LOG.info("Sensu API listening on http://{}:{} at Sensu's root paths ({} endpoints, basic authentication {})",
                settings.bind(), javalin.port(), routes.size(), auth.required() ? "required" : "off");
    }

    /** The bound port; useful when configured with port 0. */
    public int port() {
        if (javalin == null) {
            throw new IllegalStateException("the Sensu API port is not started");
        }
        return javalin.port();
    }

    @Override
    public void stop() {
        if (javalin != null) {
            javalin.stop();
        }
    }

    private void configure(JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.startupWatcherEnabled = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.concurrency.useVirtualThreads = true;
        cfg.http.maxRequestSize = maxRequestBytes;
        cfg.http.prefer405over404 = false;
        cfg.jsonMapper(new JavalinJackson(Json.mapper(), true));
        cfg.routes.before(this::envelope);
        for (Routes.Route r : routes) {
            io.javalin.http.Handler h = r.handler();
            io.javalin.http.Handler marked = ctx -> {
                ctx.attribute(ROOT_ATTRIBUTE, Boolean.TRUE);
                h.handle(ctx);
            };
            cfg.routes.addHttpHandler(r.method(), r.path(), marked);
            if (r.method() == HandlerType.GET) {
                cfg.routes.addHttpHandler(HandlerType.HEAD, r.path(), marked);
            }
        }
        cfg.routes.exception(Unauthorized.class, (e, ctx) -> {
            ctx.header("WWW-Authenticate", "Basic realm=\"Restricted Area\"");
            bare(ctx, 401, null);
        });
        cfg.routes.exception(ApiException.class, (e, ctx) -> bare(ctx, e.status(), e.getMessage()));
        cfg.routes.exception(HttpResponseException.class, (e, ctx) -> bare(ctx, e.getStatus(), e.getMessage()));
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            String ref = UUID.randomUUID().toString();
            LOG.error("internal error answering {} {} on the Sensu API port (reference {})", ctx.method(), ctx.path(), ref, e);
            bare(ctx, 500, "see the server log, reference " + ref);
        });
        cfg.routes.error(404, "*", this::unmatched);
    }

    /**
     * Sensu's headers on every answer, then its authorisation: {@code OPTIONS} (a CORS preflight carries
     * no credentials) and every request when no credentials are configured pass.
     */
    private void envelope(Context ctx) {
        String given = ctx.header("X-Request-ID");
        ctx.header("X-Request-ID", given != null && REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString());
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
        ctx.header("Access-Control-Allow-Credentials", "true");
        ctx.header("Access-Control-Allow-Headers", "Origin, X-Requested-With, Content-Type, Accept, Authorization");
        ctx.header("Connection", "close");
        if (ctx.method() != HandlerType.OPTIONS && !auth.allows(ctx.header("Authorization"))) {
            throw new Unauthorized();
        }
    }

    /**
     * A 404: a handler's own "not found" stays as it is; a path no endpoint matched is answered as Sensu
     * does: 200 for {@code OPTIONS}, 405 with {@code Allow} when the path exists for other methods.
     */
    private void unmatched(Context ctx) {
        if (ctx.attribute(ROOT_ATTRIBUTE) != null) {
            return;
        }
        if (ctx.method() == HandlerType.OPTIONS) {
            ctx.status(200).result("");
            return;
        }
        Set<HandlerType> allowed = new LinkedHashSet<>();
        for (HandlerType m : SENSU_METHOD_ORDER) {
            for (Routes.Route r : routes) {
                HandlerType declared = r.method();
                boolean serves = declared == m || (m == HandlerType.HEAD && declared == HandlerType.GET);
                if (serves && matches(r.path(), ctx.path())) {
                    allowed.add(m);
                }
            }
        }
        if (allowed.isEmpty()) {
            bare(ctx, 404, "no endpoint at " + ctx.path());
            return;
        }
        List<String> names = new ArrayList<>();
        allowed.forEach(m -> names.add(m.name()));
        ctx.header("Allow", String.join(", ", names));
        bare(ctx, 405, ctx.method() + " is not allowed on " + ctx.path());
    }

    /** Whether a declared path such as {@code /events/{client}} matches a request path. */
    static boolean matches(String declared, String path) {
        String[] d = declared.split("/", -1);
        String[] p = path.split("/", -1);
        if (d.length != p.length) {
            return false;
        }
        for (int i = 0; i < d.length; i++) {
            boolean parameter = d[i].startsWith("{") && d[i].endsWith("}");
            if (parameter ? p[i].isEmpty() : !d[i].equals(p[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sensu's error answer: the status and an empty body. The detail goes in {@link #ERROR_HEADER},
     * which Sensu tools ignore, reduced to printable ASCII.
     */
    private static void bare(Context ctx, int status, String detail) {
        ctx.status(status);
        ctx.result("");
        ctx.res().setContentType(null);
        if (detail != null) {
            String clean = detail.replaceAll("[^\\x20-\\x7e]", "?");
            ctx.header(ERROR_HEADER, clean.length() > 300 ? clean.substring(0, 300) : clean);
        }
    }

    /** Thrown by the envelope when the credentials are missing or wrong. */
    private static final class Unauthorized extends RuntimeException {
        Unauthorized() {
            super("the Sensu API needs HTTP basic authentication", null, false, false);
        }
    }
}
