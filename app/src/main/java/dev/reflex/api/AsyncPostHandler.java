package dev.reflex.api;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The Jetty core handler that answers the {@link AsyncPost} endpoints ahead of Javalin, whose servlet
 * context it wraps: any other request goes on to Javalin untouched. For a matching POST it does what
 * the Javalin layer does for the other endpoints — authorise with {@link Auth}, refuse a body over
 * the size limit with 413, answer {@link ApiException}s and failures as problem documents, record the
 * request timer — then reads the body without blocking and writes the handler's reply when its
 * future completes.
 */
final class AsyncPostHandler extends Handler.Wrapper {

    /** What the handler needs of the server: authorisation, limits, problems and timers. */
    interface Server {

        /** @throws ApiException 401 or 403 */
        Caller authorize(String presentedKey, Access access);

        int maxRequestBytes();

        /** Records the request timer of {@code route}. */
        void record(String method, String route, int status, long nanos);

        /** A problem document's bytes. */
        byte[] problem(int status, String title, String detail, String instance, List<String> errors);

        /** Logs an unexpected failure and answers it as a 500 problem with a reference. */
        byte[] internalError(String method, String path, Throwable failure);
    }

    /**
     * How much of a body over the limit is read and thrown away before the 413 is sent. A client
     * still sending when the server answers and closes would see the connection reset, often before
     * it reads the answer; reading the rest first (as nginx's lingering close does after answering)
     * lets it see the 413. Past this much the connection is simply closed.
     */
    static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private final List<AsyncPost> posts;
    private final Server server;

    AsyncPostHandler(List<AsyncPost> posts, Server server) {
        this.posts = List.copyOf(posts);
        this.server = server;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!HttpMethod.POST.is(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        String path = request.getHttpURI().getPath();
        for (AsyncPost p : posts) {
            String param = p.match(path);
            if (param != null) {
                new Exchange(p, path, param, request, response, callback).start();
                return true;
            }
        }
        return super.handle(request, response, callback);
    }

    /**
     * The {@code <name>} parameter of {@code path} after {@code prefix} as Javalin gives it (one
     * trailing slash ignored, URL-decoded), or null when the path does not match.
     */
    static String param(String path, String prefix) {
        if (!path.startsWith(prefix)) {
            return null;
        }
        int end = path.endsWith("/") ? path.length() - 1 : path.length();
        return end <= prefix.length() ? null : Paths.decodeParam(path.substring(prefix.length(), end));
    }

    /** One request being answered. */
    private final class Exchange implements Runnable {
        private final AsyncPost post;
        private final String path;
        private final String param;
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final long started = System.nanoTime();

        private Caller caller;
        private int max;
        private byte[] body = new byte[0];
        private int length;
        /** Bytes read and thrown away once the body went over the limit; -1 while it has not. */
        private long discarded = -1;

        Exchange(AsyncPost post, String path, String param, Request request, Response response, Callback callback) {
            this.post = post;
            this.path = path;
            this.param = param;
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        void start() {
            try {
                caller = server.authorize(Auth.presentedKey(request.getHeaders()::get, this::queryKey), post.access());
                max = server.maxRequestBytes();
                long declared = request.getLength();
                if (declared > max) {
                    if (declared - max > DRAIN_LIMIT
                            || request.getHeaders().contains(HttpHeader.EXPECT, "100-continue")) {
                        // nothing has been sent yet, or too much would be: answer at once
                        tooLarge();
                        return;
                    }
                    discarded = 0;
                }
                if (declared > 0 && discarded < 0) {
                    body = new byte[(int) declared];
                }
                run();
            } catch (Throwable t) {
                fail(t);
            }
        }

        /** Reads what body has arrived; asks to be run again when more can be read, handles it once complete. */
        @Override
        public void run() {
            try {
                while (true) {
                    Content.Chunk chunk = request.read();
                    if (chunk == null) {
                        request.demand(this);
                        return;
                    }
                    if (Content.Chunk.isFailure(chunk)) {
                        if (discarded >= 0) {
                            // the rest of an oversized body never came: it is still a 413, not a server error
                            tooLarge();
                        } else {
                            fail(chunk.getFailure());
                        }
                        return;
                    }
                    ByteBuffer buffer = chunk.getByteBuffer();
                    int n = buffer.remaining();
                    if (discarded < 0 && length + n > max) {
                        discarded = length;
                        body = null;
                    }
                    if (discarded >= 0) {
                        discarded += n;
                        boolean last = chunk.isLast();
                        chunk.release();
                        if (last || discarded - max > DRAIN_LIMIT) {
                            tooLarge();
                            return;
                        }
                        continue;
                    }
                    if (length + n > body.length) {
                        body = java.util.Arrays.copyOf(body, Math.min(max, Math.max(length + n, body.length * 2)));
                    }
                    buffer.get(body, length, n);
                    length += n;
                    boolean last = chunk.isLast();
                    chunk.release();
                    if (last) {
                        handle(request.getHeaders(), caller, length == body.length ? body : java.util.Arrays.copyOf(body, length));
                        return;
                    }
                }
            } catch (Throwable t) {
                fail(t);
            }
        }

        private String queryKey() {
            String query = request.getHttpURI().getQuery();
            if (query == null) {
                return null;
            }
            List<String> v = AsyncPost.formFields(query, AsyncPost.charset(request.getHeaders().get(HttpHeader.CONTENT_TYPE)))
                    .get("st2-api-key");
            return v == null ? null : v.getFirst();
        }

        private void handle(HttpFields fields, Caller caller, byte[] body) {
            try {
                Map<String, String> headers = new LinkedHashMap<>();
                for (HttpField f : fields) {
                    headers.putIfAbsent(f.getName(), f.getValue());
                }
                String contentType = fields.get(HttpHeader.CONTENT_TYPE);
                Charset charset = AsyncPost.charset(contentType);
                CompletableFuture<AsyncPost.Reply> reply = post.handler().handle(
                        new AsyncPost.Request(path, param, contentType, charset, body, headers, caller));
                reply.whenComplete((r, failure) -> {
                    if (Thread.currentThread().isVirtual()) {
                        answer(r, failure);
                    } else {
                        // completed on a platform thread (the store completes writes on a virtual
                        // thread; other futures may not): the response is written elsewhere
                        Thread.ofVirtual().name("async-post-answer").start(() -> answer(r, failure));
                    }
                });
            } catch (Throwable t) {
                fail(t);
            }
        }

        private void answer(AsyncPost.Reply r, Throwable failure) {
            if (failure != null) {
                fail(failure);
            } else {
                send(r.status(), r.contentType(), r.body());
            }
        }

        private void tooLarge() {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            send(413, Problem.MEDIA_TYPE, server.problem(413, ApiServer.reason(413),
                    "the request body is larger than " + max + " bytes", path, List.of()));
        }

        private void fail(Throwable failure) {
            Throwable t = unwrap(failure);
            if (t instanceof ApiException e) {
                send(e.status(), Problem.MEDIA_TYPE, server.problem(e.status(), e.title(), e.getMessage(), path, e.errors()));
            } else {
                send(500, Problem.MEDIA_TYPE, server.internalError(request.getMethod(), path, t));
            }
        }

        private void send(int status, String contentType, byte[] body) {
            server.record(request.getMethod(), post.route(), status, System.nanoTime() - started);
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Path parameter decoding as Javalin does it: {@code +} stays a plus, {@code %xx} is decoded as UTF-8. */
    static final class Paths {
        private Paths() {
        }

        static String decodeParam(String raw) {
            if (raw.indexOf('%') < 0) {
                return raw;
            }
            return java.net.URLDecoder.decode(raw.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
