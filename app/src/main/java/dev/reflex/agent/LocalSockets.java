package dev.reflex.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.reflex.checks.CheckResult;
import dev.reflex.checks.JsonValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's local sockets, as Sensu's client has them, for other programs to submit check results:
 *
 * <ul>
 *   <li>TCP (default 127.0.0.1:3030): {@code ping} is answered {@code pong}; anything else is read
 *       until it parses as one JSON object (a sender silent for 500 ms gets {@code invalid}), which
 *       must be a valid check result ({@code status} defaults to 0, {@code executed} to now): answered
 *       {@code ok} once published, else {@code invalid};</li>
 *   <li>UDP on the same port: one result per datagram, no answer ({@code ping} ignored);</li>
 *   <li>HTTP (default 127.0.0.1:3031): {@code POST /results} with a result (202, or 400 naming the
 *       problem) and {@code GET /info}.</li>
 * </ul>
 */
public final class LocalSockets implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSockets.class);
    private static final int WATCHDOG_MILLIS = 500;
    private static final int MAX_BYTES = 1024 * 1024;

    private final Clock clock;
    private final Consumer<Map<String, Object>> publish;
    private final Map<String, Object> info;
    private ServerSocket tcp;
    private DatagramSocket udp;
    private HttpServer http;
    private volatile boolean running = true;

    /**
     * @param publish receives each accepted result's check attributes (already validated)
     * @param info    what {@code GET /info} answers
     */
    public LocalSockets(Clock clock, Consumer<Map<String, Object>> publish, Map<String, Object> info) {
        this.clock = clock;
        this.publish = publish;
        this.info = info;
    }

    /** Binds the sockets; a port of 0 picks a free one. */
    public void start(String bind, int port, String httpBind, int httpPort) throws IOException {
        InetAddress address = InetAddress.getByName(bind);
        tcp = new ServerSocket(port, 50, address);
        udp = new DatagramSocket(new InetSocketAddress(address, tcp.getLocalPort()));
        Thread.ofPlatform().name("agent-socket-tcp").daemon(true).start(this::acceptLoop);
        Thread.ofPlatform().name("agent-socket-udp").daemon(true).start(this::udpLoop);
        http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(httpBind), httpPort), 16);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/results", this::results);
        http.createContext("/info", ex -> respond(ex, 200, JsonValues.write(info)));
        http.start();
        LOG.info("local sockets on {}:{} (TCP and UDP) and http://{}:{}", bind, tcp.getLocalPort(), httpBind,
                http.getAddress().getPort());
    }

    /** The TCP/UDP port. */
    public int port() {
        return tcp.getLocalPort();
    }

    /** The HTTP port. */
    public int httpPort() {
        return http.getAddress().getPort();
    }

    /** Validates and publishes one submitted check; throws with the problem when it is not a valid result. */
    private void accept(Object parsed) {
        Map<String, Object> check = JsonValues.asMap(parsed);
        if (check == null) {
            throw new IllegalArgumentException("a check result must be a JSON object");
        }
        Map<String, Object> accepted = CheckResult.accept(check, clock, "<client socket>");
        accepted.put("issued", clock.instant().getEpochSecond());
        publish.accept(accepted);
    }

    private void acceptLoop() {
        while (running) {
            try {
                Socket s = tcp.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                if (running) {
                    LOG.warn("client socket accept failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            s.setSoTimeout(WATCHDOG_MILLIS);
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            String reply = "invalid";
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    LOG.warn("discarding data from a client socket sender silent for {} ms", WATCHDOG_MILLIS);
                    break;
                }
                if (n < 0 || data.size() + n > MAX_BYTES) {
                    break;
                }
                data.write(buf, 0, n);
                String text = data.toString(StandardCharsets.UTF_8);
                if (text.strip().equals("ping")) {
                    reply = "pong";
                    break;
                }
                Object parsed;
                try {
                    parsed = JsonValues.read(text);
                } catch (IllegalArgumentException incomplete) {
                    continue;
                }
                try {
                    accept(parsed);
                    reply = "ok";
                } catch (RuntimeException e) {
                    LOG.warn("invalid check result on the client socket: {}", e.getMessage());
                }
                break;
            }
            out.write(reply.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            LOG.debug("client socket connection failed: {}", e.toString());
        }
    }

    private void udpLoop() {
        byte[] buf = new byte[65_536];
        while (running) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (running) {
                    LOG.warn("client socket (UDP) receive failed: {}", e.toString());
                }
                continue;
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            if (text.strip().equals("ping")) {
                continue;
            }
            try {
                accept(JsonValues.read(text));
            } catch (RuntimeException e) {
                LOG.error("failed to process a check result from the UDP socket: {}", e.getMessage());
            }
        }
    }

    private void results(HttpExchange ex) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            respond(ex, 405, "{\"response\":\"method not allowed\"}");
            return;
        }
        byte[] body = ex.getRequestBody().readNBytes(MAX_BYTES);
        try {
            accept(JsonValues.read(new String(body, StandardCharsets.UTF_8)));
            respond(ex, 202, "{\"response\":\"ok\"}");
        } catch (RuntimeException e) {
            respond(ex, 400, JsonValues.write(Map.of("response", "invalid check result: " + e.getMessage())));
        }
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            if (tcp != null) {
                tcp.close();
            }
        } catch (IOException e) {
            // closing
        }
        if (udp != null) {
            udp.close();
        }
        if (http != null) {
            http.stop(0);
        }
    }
}
