package dev.reflex.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reflex.checks.HandlerDefinition;
import dev.reflex.checks.JsonValues;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery by handler type, with real processes and sockets on the loopback interface. */
class HandlerDeliveryTest {

    private final ShellCommandRunner shell = new ShellCommandRunner(4);
    private final List<Map<String, Object>> sink = new ArrayList<>();
    private final List<String> published = new ArrayList<>();
    private final HandlerDelivery delivery = new HandlerDelivery(shell,
            (type, name, options, data) -> published.add(type + " " + name + " " + new String(data, StandardCharsets.UTF_8)),
            sink::add);

    private static HandlerDefinition handler(String json) {
        return HandlerDefinition.from("h", JsonValues.asMap(JsonValues.read(json)));
    }

    private static EventData event() {
        return EventData.ofObject(Map.of("id", "x", "check", Map.of("name", "disk", "status", 2L)));
    }

    @Test
    void pipeHandlerGetsTheEventJsonOnStdinThroughRealShell(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("event.json");
        Delivery d = delivery.deliver(handler("{\"type\": \"pipe\", \"command\": \"cat > '" + out + "' && echo done\"}"), event());
        assertThat(d).isEqualTo(new Delivery.Delivered("h", "done"));
        assertThat(JsonValues.read(Files.readString(out))).isEqualTo(Map.of("id", "x", "check", Map.of("name", "disk", "status", 2L)));
    }

    @Test
    void pipeHandlerFailuresAndTimeouts() {
        assertThat(delivery.deliver(handler("{\"type\": \"pipe\", \"command\": \"echo oops >&2; exit 2\"}"), event()))
                .isEqualTo(new Delivery.Permanent("h", "exit status 2: oops"));
        assertThat(delivery.deliver(handler("{\"type\": \"pipe\", \"command\": \"sleep 30\", \"timeout\": 0.2}"), event()))
                .isEqualTo(new Delivery.Retryable("h", "exit status 2: Execution timed out"));
    }

    @Test
    void shellRunnerReportsLikeSensusSpawner() {
        CommandRunner.Outcome ok = shell.run("cat; echo err >&2", "in\n".getBytes(StandardCharsets.UTF_8), null);
        assertThat(ok.status()).isZero();
        assertThat(ok.text()).isEqualTo("in\nerr\n");
        CommandRunner.Outcome ignoresStdin = shell.run("exit 3", new byte[1 << 20], Duration.ofSeconds(20));
        assertThat(ignoresStdin.status()).isEqualTo(3);
        assertThat(shell.run("sleep 30 & wait", new byte[0], Duration.ofMillis(200)).timedOut()).isTrue();
        assertThatThrownBy(() -> new ShellCommandRunner(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyCommandsShareTheSpawnLimit() {
        ShellCommandRunner two = new ShellCommandRunner(2);
        List<CompletableFuture<CommandRunner.Outcome>> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            runs.add(CompletableFuture.supplyAsync(() -> two.run("echo " + n, new byte[0], null),
                    command -> Thread.ofVirtual().start(command)));
        }
        assertThat(runs.stream().map(f -> f.join().text().strip()).toList())
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
    }

    @Test
    void tcpHandlerWritesThenCloses() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }, command -> Thread.ofVirtual().start(command));
            Delivery d = delivery.deliver(handler("{\"type\": \"tcp\", \"socket\": {\"host\": \"127.0.0.1\", \"port\": "
                    + server.getLocalPort() + "}}"), event());
            assertThat(d).isInstanceOf(Delivery.Delivered.class);
            assertThat(JsonValues.read(received.get())).isEqualTo(Map.of("id", "x", "check", Map.of("name", "disk", "status", 2L)));
        }
    }

    @Test
    void tcpConnectionRefusedIsRetryableAndEmptyDataIsNotSent() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HandlerDefinition h = handler("{\"type\": \"tcp\", \"socket\": {\"host\": \"127.0.0.1\", \"port\": " + port + "}}");
        assertThat(delivery.deliver(h, event())).isInstanceOf(Delivery.Retryable.class);
        assertThat(delivery.deliver(h, EventData.ofBytes(new byte[0])))
                .isEqualTo(new Delivery.Delivered("h", "no data to send"));
    }

    @Test
    void udpHandlerSendsOneDatagram() throws IOException {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            Delivery d = delivery.deliver(handler("{\"type\": \"udp\", \"socket\": {\"host\": \"127.0.0.1\", \"port\": "
                    + server.getLocalPort() + "}}"), EventData.ofBytes("hello".getBytes(StandardCharsets.UTF_8)));
            assertThat(d).isInstanceOf(Delivery.Delivered.class);
            DatagramPacket packet = new DatagramPacket(new byte[64], 64);
            server.receive(packet);
            assertThat(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void transportAndReflexHandlers() {
        delivery.deliver(handler("{\"type\": \"transport\", \"pipe\": {\"type\": \"direct\", \"name\": \"events\"}}"),
                EventData.ofBytes("data".getBytes(StandardCharsets.UTF_8)));
        assertThat(published).containsExactly("direct events data");
        HandlerDelivery unconfigured = new HandlerDelivery(shell, TransportPublisher.none(), sink::add);
        assertThat(unconfigured.deliver(handler("{\"type\": \"transport\", \"pipe\": {\"type\": \"direct\", \"name\": \"e\"}}"),
                EventData.ofBytes("d".getBytes(StandardCharsets.UTF_8)))).isInstanceOf(Delivery.Retryable.class);
        assertThat(delivery.deliver(handler("{\"type\": \"reflex\"}"), event())).isEqualTo(new Delivery.Delivered("h", ""));
        assertThat(sink).hasSize(1);
        HandlerDelivery failing = new HandlerDelivery(shell, TransportPublisher.none(), m -> {
            throw new IllegalStateException("bus full");
        });
        assertThat(failing.deliver(handler("{\"type\": \"reflex\"}"), event()))
                .isEqualTo(new Delivery.Retryable("h", "the reflex sink failed: bus full"));
    }
}
