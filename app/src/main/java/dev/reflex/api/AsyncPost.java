package dev.reflex.api;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A POST endpoint answered asynchronously by a lean Jetty handler ahead of Javalin's servlet layer:
 * for hot paths such as webhooks, where that layer costs as much CPU as the work itself. The request
 * is authorised, size-limited, timed and its errors answered exactly as for the other endpoints; the
 * handler gets the whole body and completes its reply when it is ready (after a durable commit, say)
 * without holding a thread meanwhile. The same declaration is also a Javalin route, so it is listed
 * in the OpenAPI document and other methods on its path get the usual 405.
 *
 * <p>An endpoint is either a prefix route, {@code /api/v1/webhooks/<hook>}, whose {@code <name>}
 * parameter takes the rest of the path, or an exact path such as {@code /api/v1/executions} (its
 * {@code prefix} is then the route itself). Either matches with one trailing slash, as Javalin does.
 *
 * @param route   the declared path, {@code <name>} being the rest of the path after {@code prefix}
 * @param prefix  the literal start of the path, ending in {@code /}; or the route itself for an exact path
 * @param access  who may call it
 * @param summary what it does, in a line
 * @param handler the code that answers
 */
public record AsyncPost(String route, String prefix, Access access, String summary, Handler handler) {

    public AsyncPost {
        Objects.requireNonNull(route);
        Objects.requireNonNull(access);
        Objects.requireNonNull(handler);
        if (route.equals(prefix)) {
            if (route.indexOf('<') >= 0 || route.indexOf('{') >= 0 || route.endsWith("/")) {
                throw new IllegalArgumentException("an exact path has no parameter and no trailing /: " + route);
            }
        } else if (!prefix.endsWith("/") || !route.startsWith(prefix)) {
            throw new IllegalArgumentException("the prefix of " + route + " must be its literal start up to a /: " + prefix);
        }
    }

    /** Whether this endpoint is an exact path, with no path parameter. */
    public boolean exact() {
        return route.equals(prefix);
    }

    /**
     * The path parameter {@code path} gives this endpoint as Javalin gives it (one trailing slash
     * ignored, URL-decoded; "" for an exact path), or null when the path is not this endpoint's.
     */
    String match(String path) {
        if (exact()) {
            boolean same = path.length() == route.length() ? path.equals(route)
                    : path.length() == route.length() + 1 && path.endsWith("/") && path.startsWith(route);
            return same ? "" : null;
        }
        return AsyncPostHandler.param(path, prefix);
    }

    /** The code answering an asynchronous POST. */
    @FunctionalInterface
    public interface Handler {

        /**
         * Answers one request; the future may complete on any thread. A future failed with an
         * {@link ApiException} is answered as that problem, any other failure as a 500.
         */
        CompletableFuture<Reply> handle(Request request);
    }

    /**
     * What a handler sees of a request.
     *
     * @param path        the request path as sent (for problem documents' {@code instance})
     * @param param       the rest of the path after the prefix, URL-decoded ("" for an exact path)
     * @param contentType the {@code Content-Type} header, or null
     * @param charset     the charset named by the content type, else UTF-8
     * @param body        the whole body
     * @param headers     the request headers in order, each name once with its first value
     * @param caller      who called, as authorised
     */
    public record Request(String path, String param, String contentType, Charset charset, byte[] body,
                          Map<String, String> headers, Caller caller) {
    }

    /**
     * A handler's answer.
     *
     * @param status      the HTTP status
     * @param contentType the body's media type
     * @param body        the body's bytes
     */
    public record Reply(int status, String contentType, byte[] body) {
    }

    /**
     * Answers a request that reached Javalin rather than the {@link AsyncPostHandler} (a server
     * built without it): the same handler, waited for on the request's virtual thread.
     */
    static void serveInJavalin(AsyncPost post, Context ctx) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, ctx.req().getHeader(name));
        }
        String path = ctx.path();
        String param = post.match(path);
        Request request = new Request(path, param == null ? "" : param, ctx.contentType(), charset(ctx.contentType()), ctx.bodyAsBytes(), headers,
                ApiServer.caller(ctx));
        Reply reply;
        try {
            reply = post.handler().handle(request).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
        ctx.status(reply.status()).contentType(reply.contentType()).result(reply.body());
    }

    /**
     * Splits {@code a=1&b=2&a=3} into names and their values, URL-decoded, in first-seen order, as
     * Javalin reads form bodies and query strings (a name without {@code =} has the value "", a
     * malformed escape is read as null).
     */
    public static Map<String, List<String>> formFields(String text, Charset charset) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), charset);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), charset);
            out.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
        }
        return out;
    }

    /** A URL-decoded text, or null if it is malformed (as Javalin reads it). */
    private static String decode(String text, Charset charset) {
        try {
            return URLDecoder.decode(text, charset);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The charset a content type names, else UTF-8 (unknown names too, as the body must still be read). */
    public static Charset charset(String contentType) {
        if (contentType != null) {
            int i = contentType.toLowerCase(java.util.Locale.ROOT).indexOf("charset=");
            if (i >= 0) {
                String name = contentType.substring(i + 8).split(";", 2)[0].strip().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (RuntimeException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
