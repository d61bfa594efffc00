package dev.reflex.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's WebSocket client against a server written here frame by frame (the agent tests use
 * the real server; this one sends what that server does not: fragments, pings, bad frames).
 */
class WebSocketClientTest {

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    WebSocketClientTest() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        for (Socket s : accepted) {
            s.close();
        }
        server.close();
    }

    private URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/api/v1/agent/ws?x=1");
    }

    /** Accepts one connection and answers the handshake as a server would; returns the request's lines. */
    private CompletableFuture<List<String>> acceptUpgrade(String status) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Socket s = server.accept();
                accepted.add(s);
                List<String> request = new ArrayList<>();
                for (String line = readLine(s.getInputStream()); !line.isEmpty(); line = readLine(s.getInputStream())) {
                    request.add(line);
                }
                String key = request.stream().filter(l -> l.startsWith("Sec-WebSocket-Key: ")).findFirst().orElseThrow()
                        .substring("Sec-WebSocket-Key: ".length());
                String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                        .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
                s.getOutputStream().write((status + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                        + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                return request;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("eof");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void frame(OutputStream out, int first, byte[] payload) throws IOException {
        out.write(first);
        if (payload.length < 126) {
            out.write(payload.length);
        } else {
            out.write(126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xFF);
        }
        out.write(payload);
        out.flush();
    }

    /** Reads one client frame, checks that it is masked, and returns {opcode, unmasked payload}. */
    private static Object[] readClientFrame(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        assertThat(b1 & 0x80).as("client frames are masked").isNotZero();
        int length = b1 & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = (int) in.readLong();
        }
        byte[] mask = in.readNBytes(4);
        byte[] payload = in.readNBytes(length);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i & 3];
        }
        return new Object[] {b0 & 0x0F, payload};
    }

    @Test
    void handshakesSendsMaskedTextAndReadsFragmentsPingsAndTheClose() throws Exception {
        CompletableFuture<List<String>> request = acceptUpgrade("HTTP/1.1 101 Switching Protocols");
        try (WebSocketClient ws = WebSocketClient.connect(uri(), Map.of("X-Auth-Token", "k"), 5000, 5000)) {
            assertThat(request.get(10, TimeUnit.SECONDS)).contains("GET /api/v1/agent/ws?x=1 HTTP/1.1",
                    "Host: 127.0.0.1:" + server.getLocalPort(), "Upgrade: websocket", "Sec-WebSocket-Version: 13",
                    "X-Auth-Token: k");
            Socket peer = accepted.get(0);
            String big = "x".repeat(70_000);
            ws.sendText("{\"type\":\"keepalive\"}");
            ws.sendText(big);
            Object[] first = readClientFrame(peer.getInputStream());
            assertThat(first[0]).isEqualTo(1);
            assertThat(new String((byte[]) first[1], StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"keepalive\"}");
            assertThat(new String((byte[]) readClientFrame(peer.getInputStream())[1], StandardCharsets.UTF_8)).isEqualTo(big);

            OutputStream out = peer.getOutputStream();
            frame(out, 0x01, "hé".getBytes(StandardCharsets.UTF_8));          // text, not final
            frame(out, 0x89, "are you there".getBytes(StandardCharsets.UTF_8)); // a ping between the fragments
            frame(out, 0x80, "llo".getBytes(StandardCharsets.UTF_8));          // final continuation
            frame(out, 0x81, "y".repeat(300).getBytes(StandardCharsets.UTF_8)); // 16-bit length
            frame(out, 0x88, new byte[] {0x03, (byte) 0xE8, 'b', 'y', 'e'});
            List<String> received = new ArrayList<>();
            assertThat(ws.readMessages(received::add)).isEqualTo("1000 bye");
            assertThat(received).containsExactly("héllo", "y".repeat(300));

            Object[] pong = readClientFrame(peer.getInputStream());
            assertThat(pong[0]).isEqualTo(0xA);
            assertThat(new String((byte[]) pong[1], StandardCharsets.UTF_8)).isEqualTo("are you there");
            Object[] close = readClientFrame(peer.getInputStream());
            assertThat(close[0]).isEqualTo(0x8);
            assertThat((byte[]) close[1]).containsExactly(0x03, 0xE8);
        }
    }

    @Test
    void aRefusedUpgradeIsAnErrorNamingTheStatus() {
        acceptUpgrade("HTTP/1.1 401 Unauthorized");
        assertThatThrownBy(() -> WebSocketClient.connect(uri(), Map.of(), 5000, 5000))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("401 Unauthorized");
    }

    @Test
    void aBinaryMessageOrAConnectionCutMidFrameEndsTheConnection() throws Exception {
        acceptUpgrade("HTTP/1.1 101 Switching Protocols");
        try (WebSocketClient ws = WebSocketClient.connect(uri(), Map.of(), 5000, 5000)) {
            frame(accepted.get(0).getOutputStream(), 0x82, new byte[] {1, 2});
            assertThatThrownBy(() -> ws.readMessages(m -> { })).isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("binary");
            assertThat(ws.isClosed()).isTrue();
            assertThatThrownBy(() -> ws.sendText("x")).isInstanceOf(IOException.class);
        }
        acceptUpgrade("HTTP/1.1 101 Switching Protocols");
        try (WebSocketClient ws = WebSocketClient.connect(uri(), Map.of(), 5000, 5000)) {
            Socket peer = accepted.get(1);
            peer.getOutputStream().write(new byte[] {(byte) 0x81, 10, 'a', 'b'});
            peer.shutdownOutput();
            assertThatThrownBy(() -> ws.readMessages(m -> { })).isInstanceOf(IOException.class)
                    .hasMessageContaining("inside a frame");
        }
    }
}
