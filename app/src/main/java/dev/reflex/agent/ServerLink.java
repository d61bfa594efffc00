package dev.reflex.agent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's WebSocket to the server ({@code java.net.http}, TLS for {@code wss://}), kept open:
 * after a failure or a close it reconnects with exponential back-off (1 s doubling to 30 s, with
 * jitter). {@code onOpen} runs after every (re)connection, {@code onMessage} for every frame.
 */
public final class ServerLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerLink.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final URI uri;
    private final String apiKey;
    private final Runnable onOpen;
    private final Consumer<String> onMessage;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Object sendLock = new Object();
    private volatile WebSocket socket;
    private volatile boolean running = true;
    private Thread loop;

    /**
     * @param uri    the server's agent endpoint, {@code ws://} or {@code wss://}
     * @param apiKey the API key to present, or null
     */
    public ServerLink(URI uri, String apiKey, Runnable onOpen, Consumer<String> onMessage) {
        this.uri = uri;
        this.apiKey = apiKey;
        this.onOpen = onOpen;
        this.onMessage = onMessage;
    }

    /** Derives the agent endpoint from a server base URL: {@code http://h:p} → {@code ws://h:p/api/v1/agent/ws}. */
    public static URI endpoint(String server) {
        String s = server.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.startsWith("https://")) {
            s = "wss://" + s.substring(8);
        } else if (s.startsWith("http://")) {
            s = "ws://" + s.substring(7);
        } else if (!s.startsWith("ws://") && !s.startsWith("wss://")) {
            throw new IllegalArgumentException("--server must be an http(s):// or ws(s):// URL, got " + server);
        }
        return URI.create(s.contains("/api/v1/agent/ws") ? s : s + "/api/v1/agent/ws");
    }

    /** Starts connecting in the background. */
    public void start() {
        loop = Thread.ofPlatform().name("agent-link").daemon(true).start(this::run);
    }

    private void run() {
        long backoff = 1000;
        while (running) {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            try {
                WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
                if (apiKey != null) {
                    b.header("X-Auth-Token", apiKey);
                }
                socket = b.buildAsync(uri, new Listener(closed)).get(15, TimeUnit.SECONDS);
                LOG.info("connected to {}", uri);
                backoff = 1000;
                onOpen.run();
                closed.get();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.warn("connection to {} failed: {}", uri, rootMessage(e));
            }
            socket = null;
            if (!running) {
                return;
            }
            long wait = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
            LOG.info("reconnecting in {} ms", wait);
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.toString();
    }

    /** Whether the connection is open now. */
    public boolean connected() {
        return socket != null;
    }

    /** Sends one text frame; false when not connected or the send failed (the connection is then dropped). */
    public boolean send(String text) {
        synchronized (sendLock) {
            WebSocket ws = socket;
            if (ws == null) {
                return false;
            }
            try {
                ws.sendText(text, true).get(30, TimeUnit.SECONDS);
                return true;
            } catch (Exception e) {
                LOG.warn("send failed: {}; reconnecting", rootMessage(e));
                ws.abort();
                return false;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        if (loop != null) {
            loop.interrupt();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final CompletableFuture<Void> closed;
        private final StringBuilder partial = new StringBuilder();

        Listener(CompletableFuture<Void> closed) {
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    onMessage.accept(text);
                } catch (RuntimeException e) {
                    LOG.error("handling a message from the server failed", e);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            LOG.warn("the server closed the connection: {} {}", status, reason);
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            LOG.warn("connection error: {}", rootMessage(error));
            closed.complete(null);
        }
    }
}
