package dev.reflex.events;

import dev.reflex.checks.HandlerDefinition;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The last stage: hands mutated data to the handler, by type.
 *
 * <ul>
 *   <li>{@code pipe}: the data on the command's stdin, with the handler's timeout; exit 0 is
 *       delivered, a timeout is retryable, any other exit is permanent.</li>
 *   <li>{@code tcp}: connect (timeout: the handler's, default 10 s), write, close; empty data is not
 *       sent.</li>
 *   <li>{@code udp}: one datagram.</li>
 *   <li>{@code transport}: the injected {@link TransportPublisher}; empty data is not sent.</li>
 *   <li>{@code debug} (built in): the data is logged.</li>
 *   <li>{@code reflex}: the event JSON object to the injected sink (which publishes it as a
 *       {@code sensu.event_handler} trigger instance).</li>
 * </ul>
 */
public final class HandlerDelivery {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HandlerDelivery.class);

    /** Sensu's default tcp handler timeout. */
    public static final Duration TCP_TIMEOUT = Duration.ofSeconds(10);

    private final CommandRunner runner;
    private final TransportPublisher transport;
    private final Consumer<Map<String, Object>> reflexSink;

    /**
     * @param runner     runs pipe handlers
     * @param transport  publishes for transport handlers
     * @param reflexSink receives the Sensu event JSON for reflex handlers
     */
    public HandlerDelivery(CommandRunner runner, TransportPublisher transport, Consumer<Map<String, Object>> reflexSink) {
        this.runner = runner;
        this.transport = transport;
        this.reflexSink = reflexSink;
    }

    /** True when delivering to this handler may block (a process or a socket). */
    public static boolean blocks(HandlerDefinition handler) {
        return switch (handler.kind()) {
            case HandlerDefinition.Pipe p -> true;
            case HandlerDefinition.Tcp t -> true;
            case HandlerDefinition.Udp u -> true;
            case HandlerDefinition.Transport t -> true;
            case HandlerDefinition.Set s -> false;
            case HandlerDefinition.Reflex r -> false;
            case HandlerDefinition.Debug d -> false;
        };
    }

    /** Delivers the data to the handler. */
    public Delivery deliver(HandlerDefinition handler, EventData data) {
        String name = handler.name();
        return switch (handler.kind()) {
            case HandlerDefinition.Pipe pipe -> {
                Duration timeout = handler.timeout() == null ? null : Duration.ofMillis(Math.round(handler.timeout() * 1000));
                CommandRunner.Outcome outcome = runner.run(pipe.command(), data.bytes(), timeout);
                if (outcome.status() == 0) {
                    yield new Delivery.Delivered(name, outcome.text().strip());
                }
                String reason = "exit status " + outcome.status() + ": " + outcome.text().strip();
                yield outcome.timedOut() ? new Delivery.Retryable(name, reason) : new Delivery.Permanent(name, reason);
            }
            case HandlerDefinition.Tcp tcp -> tcp(name, tcp, handler.timeout(), data);
            case HandlerDefinition.Udp udp -> udp(name, udp, data);
            case HandlerDefinition.Transport t -> {
                if (data.isEmpty() || data.bytes().length == 0) {
                    yield new Delivery.Delivered(name, "no data to publish");
                }
                try {
                    transport.publish(t.pipeType(), t.pipeName(), t.options(), data.bytes());
                    yield new Delivery.Delivered(name, "published to " + t.pipeType() + " " + t.pipeName());
                } catch (Exception e) {
                    yield new Delivery.Retryable(name, "transport publish failed: " + e.getMessage());
                }
            }
            case HandlerDefinition.Reflex r -> {
                var object = data.asObject();
                if (object.isEmpty()) {
                    yield new Delivery.Permanent(name, "the mutator's output is not a JSON object");
                }
                try {
                    reflexSink.accept(object.get());
                    yield new Delivery.Delivered(name, "");
                } catch (RuntimeException e) {
                    yield new Delivery.Retryable(name, "the reflex sink failed: " + e.getMessage());
                }
            }
            case HandlerDefinition.Debug d -> {
                LOG.info("debug handler: {}", new String(data.bytes(), java.nio.charset.StandardCharsets.UTF_8));
                yield new Delivery.Delivered(name, "logged");
            }
            case HandlerDefinition.Set s -> new Delivery.Permanent(name, "a set handler is expanded, never delivered to");
        };
    }

    private static Delivery tcp(String name, HandlerDefinition.Tcp tcp, Double seconds, EventData data) {
        byte[] bytes = data.bytes();
        if (bytes.length == 0) {
            return new Delivery.Delivered(name, "no data to send");
        }
        int timeout = (int) (seconds == null ? TCP_TIMEOUT.toMillis() : Math.round(seconds * 1000));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(tcp.host(), tcp.port()), timeout);
            socket.setSoTimeout(timeout);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            socket.shutdownOutput();
            return new Delivery.Delivered(name, bytes.length + " bytes to " + tcp.host() + ":" + tcp.port());
        } catch (UnknownHostException e) {
            return new Delivery.Permanent(name, "unknown host " + tcp.host());
        } catch (ConnectException | SocketTimeoutException e) {
            return new Delivery.Retryable(name, "tcp " + tcp.host() + ":" + tcp.port() + ": " + e.getMessage());
        } catch (IOException e) {
            return new Delivery.Retryable(name, "tcp " + tcp.host() + ":" + tcp.port() + ": " + e.getMessage());
        }
    }

    private static Delivery udp(String name, HandlerDefinition.Udp udp, EventData data) {
        byte[] bytes = data.bytes();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(udp.host(), udp.port())));
            return new Delivery.Delivered(name, bytes.length + " bytes to " + udp.host() + ":" + udp.port());
        } catch (IOException e) {
            return new Delivery.Retryable(name, "udp " + udp.host() + ":" + udp.port() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return new Delivery.Permanent(name, "udp " + udp.host() + ":" + udp.port() + ": " + e.getMessage());
        }
    }
}
