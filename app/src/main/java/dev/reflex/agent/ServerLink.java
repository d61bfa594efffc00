package dev.reflex.agent;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's WebSocket to the server ({@link WebSocketClient}; TLS for {@code wss://}), kept open:
 * after a failure or a close it reconnects with exponential back-off (1 s doubling to 30 s, with
 * jitter). {@code onOpen} runs after every (re)connection (on a thread of its own, so that the
 * server's answers are read while it sends; never two at once), {@code onMessage} for every message,
 * in order, on the link's thread. A send blocked for 30 seconds drops the connection, which is then re-established.
 */
public final class ServerLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerLink.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int SEND_TIMEOUT_MILLIS = 30_000;

    private final URI uri;
    private final String apiKey;
    private final Runnable onOpen;
    private final Consumer<String> onMessage;
    private volatile WebSocketClient socket;
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
        Thread opener = null;
        while (running) {
            if (opener != null) {
                // The previous connection's onOpen, if still sending, fails fast now that socket is null.
                try {
                    opener.join();
                } catch (InterruptedException e) {
                    return;
                }
            }
            WebSocketClient ws = null;
            try {
                ws = WebSocketClient.connect(uri, apiKey == null ? Map.of() : Map.of("X-Auth-Token", apiKey),
                        CONNECT_TIMEOUT_MILLIS, SEND_TIMEOUT_MILLIS);
                socket = ws;
                if (!running) {
                    return;
                }
                LOG.info("connected to {}", uri);
                backoff = 1000;
                watch(ws);
                opener = Thread.ofVirtual().name("agent-link-open").start(onOpen);
                String reason = ws.readMessages(this::deliver);
                if (running) {
                    LOG.warn("the connection to {} ended: {}", uri, reason);
                }
            } catch (Exception e) {
                if (running) {
                    LOG.warn("connection to {} failed: {}", uri, rootMessage(e));
                }
            } finally {
                socket = null;
                if (ws != null) {
                    ws.abort();
                }
            }
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

    /** Drops {@code ws} when a send has been blocked too long (a server that stopped reading). */
    private static void watch(WebSocketClient ws) {
        Thread.ofVirtual().name("agent-link-watchdog").start(() -> {
            while (!ws.isClosed()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                if (ws.sendStalled()) {
                    LOG.warn("a send has been blocked for {} s; reconnecting", SEND_TIMEOUT_MILLIS / 1000);
                    ws.abort();
                }
            }
        });
    }

    private void deliver(String text) {
        try {
            onMessage.accept(text);
        } catch (RuntimeException e) {
            LOG.error("handling a message from the server failed", e);
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

    /** Sends one text message; false when not connected or the send failed (the connection is then dropped). */
    public boolean send(String text) {
        WebSocketClient ws = socket;
        if (ws == null) {
            return false;
        }
        try {
            ws.sendText(text);
            return true;
        } catch (IOException e) {
            LOG.warn("send failed: {}; reconnecting", rootMessage(e));
            ws.abort();
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        WebSocketClient ws = socket;
        if (ws != null) {
            ws.abort();
        }
        if (loop != null) {
            loop.interrupt();
        }
    }
}
