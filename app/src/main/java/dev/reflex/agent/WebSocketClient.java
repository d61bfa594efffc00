package dev.reflex.agent;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One client WebSocket connection (RFC 6455) on a blocking socket, text messages only: the agent's
 * link to the server. {@code ws://} is a plain TCP connection, {@code wss://} TLS with the JDK's
 * default trust store and host name verification. Pings are answered, fragmented messages
 * reassembled; a binary message, a message over {@link #MAX_MESSAGE_BYTES} or a protocol error ends
 * the connection.
 *
 * <p>It stands in for {@code java.net.http}'s WebSocket, whose HTTP client carries several hundred
 * classes and its own threads, which matters in a process meant to stay under 64 MB resident. The
 * caller's thread reads ({@link #readMessages}); {@link #sendText} may be called from any thread.
 * A write blocked for longer than the send timeout (a server that stopped reading) aborts the
 * connection, as a read of a closed connection ends {@link #readMessages}. Public for the agent
 * fan-in benchmark's simulated agents, which use it as the real agent does.
 */
public final class WebSocketClient implements AutoCloseable {

    /** The largest message accepted from the server. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;
    private static final int CONTINUATION = 0x0;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Object writeLock = new Object();
    private final byte[] buffer = new byte[8192];
    private final long sendTimeoutNanos;
    private volatile long writingSince;
    private volatile boolean closed;

    private WebSocketClient(Socket socket, long sendTimeoutNanos) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        this.out = socket.getOutputStream();
        this.sendTimeoutNanos = sendTimeoutNanos;
    }

    /**
     * Connects and performs the opening handshake.
     *
     * @param headers        extra request headers (such as the API key)
     * @param timeoutMillis  for the TCP connection, and again for the TLS and WebSocket handshakes
     * @param sendTimeoutMillis how long one send may block before the connection is aborted
     */
    public static WebSocketClient connect(URI uri, Map<String, String> headers, int timeoutMillis, int sendTimeoutMillis)
            throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = scheme.equals("wss");
        if (!tls && !scheme.equals("ws")) {
            throw new IllegalArgumentException("not a ws:// or wss:// URI: " + uri);
        }
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("no host in " + uri);
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(bare, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            if (tls) {
                SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(socket, bare, port, true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(params);
                ssl.startHandshake();
                socket = ssl;
            }
            WebSocketClient client = new WebSocketClient(socket, sendTimeoutMillis * 1_000_000L);
            client.handshake(uri, host, port, tls, headers);
            socket.setSoTimeout(0);
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void handshake(URI uri, String host, int port, boolean tls, Map<String, String> headers)
            throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        boolean defaultPort = port == (tls ? 443 : 80);
        String hostHeader = host + (defaultPort ? "" : ":" + port);
        StringBuilder request = new StringBuilder(256).append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();

        String status = readLine();
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].equals("101")) {
            throw new ProtocolException("the server refused the WebSocket upgrade: " + status);
        }
        Map<String, String> response = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                response.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        if (!"websocket".equalsIgnoreCase(response.get("upgrade"))
                || !response.getOrDefault("connection", "").toLowerCase(Locale.ROOT).contains("upgrade")) {
            throw new ProtocolException("the server's upgrade response lacks Upgrade: websocket / Connection: Upgrade");
        }
        if (!accept(key).equals(response.get("sec-websocket-accept"))) {
            throw new ProtocolException("the server's Sec-WebSocket-Accept does not match the key");
        }
        if (response.containsKey("sec-websocket-extensions")) {
            throw new ProtocolException("the server chose an extension that was not offered: "
                    + response.get("sec-websocket-extensions"));
        }
    }

    private static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed the connection during the handshake");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() > 8192) {
                throw new ProtocolException("an over-long header line in the server's upgrade response");
            }
            line.append((char) b);
        }
    }

    /**
     * Reads messages until the connection ends, giving each text message to {@code onText}; returns
     * the close reason ("1000 bye", or "1006" when the connection ended without a close frame).
     */
    public String readMessages(Consumer<String> onText) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean inMessage = false;
        try {
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    return "1006 (the connection ended without a close frame)";
                }
                int b1 = readByte();
                boolean fin = (b0 & 0x80) != 0;
                int opcode = b0 & 0x0F;
                if ((b0 & 0x70) != 0) {
                    throw fail(1002, "reserved bits set without an extension");
                }
                if ((b1 & 0x80) != 0) {
                    throw fail(1002, "a masked frame from the server");
                }
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = (readByte() << 8) | readByte();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | readByte();
                    }
                }
                if (length < 0) {
                    throw fail(1002, "a frame length over 2^63");
                }
                if (opcode >= CLOSE) {
                    if (!fin || length > 125) {
                        throw fail(1002, "a fragmented or over-long control frame");
                    }
                    byte[] payload = in.readNBytes((int) length);
                    if (payload.length < length) {
                        throw new EOFException("the connection ended inside a frame");
                    }
                    switch (opcode) {
                        case PING -> writeFrame(PONG, payload);
                        case PONG -> { }
                        case CLOSE -> {
                            writeQuietly(CLOSE, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                            return payload.length >= 2
                                    ? (((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF)) + " "
                                            + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
                                    : "1005";
                        }
                        default -> throw fail(1002, "an unknown control opcode " + opcode);
                    }
                    continue;
                }
                if (opcode == BINARY) {
                    throw fail(1003, "a binary message (the agent protocol is text)");
                }
                if (opcode == TEXT ? inMessage : opcode != CONTINUATION || !inMessage) {
                    throw fail(1002, "an unexpected data frame (opcode " + opcode + ")");
                }
                if (message.size() + length > MAX_MESSAGE_BYTES) {
                    throw fail(1009, "a message over " + MAX_MESSAGE_BYTES + " bytes");
                }
                for (long left = length; left > 0; ) {
                    int r = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (r < 0) {
                        throw new EOFException("the connection ended inside a frame");
                    }
                    message.write(buffer, 0, r);
                    left -= r;
                }
                inMessage = !fin;
                if (fin) {
                    String text = message.toString(StandardCharsets.UTF_8);
                    message.reset();
                    onText.accept(text);
                }
            }
        } catch (ProtocolException e) {
            throw e;
        } catch (IOException e) {
            if (closed) {
                return "1006 (closed here)";
            }
            throw e;
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the connection ended inside a frame header");
        }
        return b;
    }

    private ProtocolException fail(int code, String why) {
        writeQuietly(CLOSE, new byte[] {(byte) (code >> 8), (byte) code});
        abort();
        return new ProtocolException("WebSocket protocol error: " + why);
    }

    /** Sends one text message as a single frame; throws when the connection is broken or the send timed out. */
    public void sendText(String text) throws IOException {
        writeFrame(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    private void writeQuietly(int opcode, byte[] payload) {
        try {
            writeFrame(opcode, payload);
        } catch (IOException e) {
            // the connection is going away anyway
        }
    }

    private void writeFrame(int opcode, byte[] payload) throws IOException {
        int n = payload.length;
        int header = 2 + (n < 126 ? 0 : n <= 0xFFFF ? 2 : 8) + 4;
        byte[] frame = new byte[header + n];
        frame[0] = (byte) (0x80 | opcode);
        int i = 2;
        if (n < 126) {
            frame[1] = (byte) (0x80 | n);
        } else if (n <= 0xFFFF) {
            frame[1] = (byte) (0x80 | 126);
            frame[i++] = (byte) (n >> 8);
            frame[i++] = (byte) n;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame[i++] = (byte) (((long) n) >> shift);
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        System.arraycopy(mask, 0, frame, i, 4);
        i += 4;
        for (int j = 0; j < n; j++) {
            frame[i + j] = (byte) (payload[j] ^ mask[j & 3]);
        }
        synchronized (writeLock) {
            if (closed) {
                throw new IOException("the connection is closed");
            }
            writingSince = System.nanoTime();
            try {
                out.write(frame);
                out.flush();
            } catch (IOException e) {
                abort();
                throw e;
            } finally {
                writingSince = 0;
            }
        }
    }

    /** Whether a send has been blocked for longer than the send timeout (then the caller should abort). */
    boolean sendStalled() {
        long since = writingSince;
        return since != 0 && System.nanoTime() - since > sendTimeoutNanos;
    }

    /** Whether the connection has been aborted or closed. */
    boolean isClosed() {
        return closed;
    }

    /** Drops the connection at once (no close handshake); a blocked read or write ends with an exception. */
    void abort() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    @Override
    public void close() {
        abort();
    }
}
