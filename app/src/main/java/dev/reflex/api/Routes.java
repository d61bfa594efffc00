package dev.reflex.api;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The endpoints of the API as declared by the {@link ApiModule}s: method, path, who may call it and
 * a one-line summary. The same declarations register the handlers and produce the OpenAPI document,
 * so the document always describes exactly what exists.
 */
public final class Routes {

    /**
     * One declared endpoint.
     *
     * @param method  the HTTP method
     * @param path    the path with {@code {name}} parameters
     * @param access  who may call it
     * @param summary what it does, in a line
     * @param handler the code that answers
     */
    public record Route(HandlerType method, String path, Access access, String summary, Handler handler) {
        public Route {
            Objects.requireNonNull(method);
            Objects.requireNonNull(path);
            Objects.requireNonNull(access);
            Objects.requireNonNull(handler);
        }
    }

    /**
     * One declared WebSocket endpoint; the upgrade request is authorised like an HTTP endpoint.
     *
     * @param path    the path
     * @param access  who may connect
     * @param summary what it is for, in a line
     * @param handler sets up the connection's callbacks
     */
    public record WebSocketRoute(String path, Access access, String summary,
            java.util.function.Consumer<io.javalin.websocket.WsConfig> handler) {
        public WebSocketRoute {
            Objects.requireNonNull(path);
            Objects.requireNonNull(access);
            Objects.requireNonNull(handler);
        }
    }

    private final List<Route> routes = new ArrayList<>();
    private final List<WebSocketRoute> webSockets = new ArrayList<>();
    private final List<AsyncPost> asyncPosts = new ArrayList<>();

    /** Declares a WebSocket endpoint. */
    public Routes webSocket(String path, Access access, String summary,
            java.util.function.Consumer<io.javalin.websocket.WsConfig> handler) {
        webSockets.add(new WebSocketRoute(path, access, summary, handler));
        return this;
    }

    /** Every declared WebSocket endpoint, in declaration order. */
    public List<WebSocketRoute> webSockets() {
        return List.copyOf(webSockets);
    }

    /** Declares a GET endpoint. */
    public Routes get(String path, Access access, String summary, Handler handler) {
        return add(HandlerType.GET, path, access, summary, handler);
    }

    /** Declares a POST endpoint. */
    public Routes post(String path, Access access, String summary, Handler handler) {
        return add(HandlerType.POST, path, access, summary, handler);
    }

    /**
     * Declares a POST endpoint answered asynchronously ahead of Javalin (see {@link AsyncPost}).
     *
     * @param route  the path: an exact path with no parameter, or one ending in one {@code <name>}
     *               parameter that takes the rest of the path
     * @param access who may call it
     */
    public Routes asyncPost(String route, Access access, String summary, AsyncPost.Handler handler) {
        int param = route.lastIndexOf('<');
        if (param >= 0 && !route.endsWith(">")) {
            throw new IllegalArgumentException("an asynchronous POST's path must be exact or end in a <name> parameter: "
                    + route);
        }
        AsyncPost post = new AsyncPost(route, param < 0 ? route : route.substring(0, param), access, summary, handler);
        add(HandlerType.POST, route, access, summary, ctx -> AsyncPost.serveInJavalin(post, ctx));
        asyncPosts.add(post);
        return this;
    }

    /** Every declared asynchronous POST endpoint, in declaration order. */
    public List<AsyncPost> asyncPosts() {
        return List.copyOf(asyncPosts);
    }

    /** Declares a PUT endpoint. */
    public Routes put(String path, Access access, String summary, Handler handler) {
        return add(HandlerType.PUT, path, access, summary, handler);
    }

    /** Declares a DELETE endpoint. */
    public Routes delete(String path, Access access, String summary, Handler handler) {
        return add(HandlerType.DELETE, path, access, summary, handler);
    }

    private Routes add(HandlerType method, String path, Access access, String summary, Handler handler) {
        for (Route r : routes) {
            if (r.method() == method && r.path().equals(path)) {
                throw new IllegalArgumentException("endpoint declared twice: " + method + " " + path);
            }
        }
        routes.add(new Route(method, path, access, summary, handler));
        return this;
    }

    /** Every declared endpoint, in declaration order. */
    public List<Route> all() {
        return List.copyOf(routes);
    }
}
