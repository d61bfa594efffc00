package dev.reflex.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.BufferedOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * A cheap open-loop HTTP/1.1 load generator, run as its own process so that its CPU is not the
 * server's: one thread, non-blocking keep-alive sockets on one selector, no HTTP library. Request
 * {@code i} is due at {@code start + i / rate}; it goes out on an idle connection (a new one is opened
 * when none is idle, up to a cap, after which it waits in a queue), and its due time, not its send
 * time, is what the latency is counted from, so a stall of the server or of this generator counts
 * against every request it delayed (no coordinated omission).
 *
 * <p>Usage: {@code RawOpenLoop HOST PORT PATH BODY RATE SECONDS [MAX_CONNECTIONS [SEQ_BASE]]}. In
 * {@code BODY}, each {@code {seq}} is replaced by the request's {@code SEQ_BASE + INDEX} (default base
 * 0), so that the server's records can be matched to the requests, and each {@code {seq%N}} by that
 * number modulo {@code N}, to vary the bodies. It prints, first,
 * {@code start WALL_MICROS} (the wall-clock time of request 0's due time, epoch microseconds), then
 * one line per request, in due order: {@code INDEX STATUS RESPONSE_MICROS ID}, where
 * {@code RESPONSE_MICROS} is due → response complete and {@code ID} is the {@code "id"} of the JSON
 * response body ({@code -} when absent); a request that got no response has status 0.
 */
public final class RawOpenLoop {

    private RawOpenLoop() {
    }

    /** One keep-alive connection with at most one request in flight. */
    private static final class Conn {
        final SocketChannel channel;
        ByteBuffer out;
        byte[] in = new byte[16384];
        int inLength;
        int request = -1;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String path = args[2];
        byte[] body = args[3].getBytes(StandardCharsets.UTF_8);
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        int maxConnections = args.length > 6 ? Integer.parseInt(args[6]) : 512;
        long seqBase = args.length > 7 ? Long.parseLong(args[7]) : 0;
        String text = new String(body, StandardCharsets.UTF_8);
        int hole = text.indexOf("{seq");
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: ";
        byte[] fixed = (head + body.length + "\r\n\r\n" + text).getBytes(StandardCharsets.UTF_8);
        int n = rate * seconds;
        int[] status = new int[n];
        long[] micros = new long[n];
        String[] ids = new String[n];
        long interval = 1_000_000_000L / rate;
        InetSocketAddress address = new InetSocketAddress(host, port);
        List<Conn> all = new ArrayList<>();
        ArrayDeque<Conn> idle = new ArrayDeque<>();
        ArrayDeque<Integer> waiting = new ArrayDeque<>();
        int done = 0;
        int next = 0;
        try (Selector selector = Selector.open()) {
            java.time.Instant wall = java.time.Instant.now();
            long start = System.nanoTime();
            long wallStart = wall.getEpochSecond() * 1_000_000L + wall.getNano() / 1000;
            long stopBy = start + (seconds + 30) * 1_000_000_000L;
            while (done < n && System.nanoTime() < stopBy) {
                long now = System.nanoTime();
                while (next < n && start + next * interval <= now) {
                    waiting.add(next++);
                }
                while (!waiting.isEmpty()) {
                    Conn c = idle.poll();
                    if (c == null) {
                        if (all.size() >= maxConnections) {
                            break;
                        }
                        SocketChannel ch = SocketChannel.open(address);
                        ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                        ch.configureBlocking(false);
                        c = new Conn(ch);
                        ch.register(selector, SelectionKey.OP_READ, c);
                        all.add(c);
                    }
                    c.request = waiting.poll();
                    c.inLength = 0;
                    c.out = ByteBuffer.wrap(hole < 0 ? fixed : request(head, text, seqBase + c.request));
                    c.channel.write(c.out);
                    if (c.out.hasRemaining()) {
                        c.channel.keyFor(selector).interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    }
                }
                long waitNanos = next < n ? start + next * interval - System.nanoTime() : 100_000_000L;
                if (waitNanos > 0) {
                    selector.select(Math.max(1, waitNanos / 1_000_000));
                } else {
                    selector.selectNow();
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    Conn c = (Conn) k.attachment();
                    if (k.isValid() && k.isWritable()) {
                        c.channel.write(c.out);
                        if (!c.out.hasRemaining()) {
                            k.interestOps(SelectionKey.OP_READ);
                        }
                    }
                    if (k.isValid() && k.isReadable()) {
                        if (!read(c)) {
                            k.cancel();
                            c.channel.close();
                            all.remove(c);
                            if (c.request >= 0) {
                                done++;
                            }
                            continue;
                        }
                        int[] parsed = parse(c.in, c.inLength);
                        if (parsed != null && c.request >= 0) {
                            int i = c.request;
                            status[i] = parsed[0];
                            micros[i] = (System.nanoTime() - (start + i * interval)) / 1000;
                            ids[i] = id(c.in, parsed[1], parsed[2]);
                            c.request = -1;
                            done++;
                            idle.add(c);
                        }
                    }
                }
            }
            for (Conn c : all) {
                c.channel.close();
            }
            PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.UTF_8);
            out.println("start " + wallStart);
            out.println("connections " + all.size());
            for (int i = 0; i < n; i++) {
                out.printf(Locale.ROOT, "%d %d %d %s%n", i, status[i], micros[i], ids[i] == null ? "-" : ids[i]);
            }
            out.flush();
        }
    }

    private static final java.util.regex.Pattern SEQ = java.util.regex.Pattern.compile("\\{seq(?:%(\\d+))?}");

    /** A request whose body is {@code text} with its {@code {seq}} and {@code {seq%N}} filled in for {@code seq}. */
    private static byte[] request(String head, String text, long seq) {
        byte[] body = SEQ.matcher(text).replaceAll(m -> String.valueOf(m.group(1) == null ? seq
                : seq % Long.parseLong(m.group(1)))).getBytes(StandardCharsets.UTF_8);
        byte[] start = (head + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = java.util.Arrays.copyOf(start, start.length + body.length);
        System.arraycopy(body, 0, out, start.length, body.length);
        return out;
    }

    /** Reads what is there; false at end of stream. */
    private static boolean read(Conn c) throws IOException {
        while (true) {
            if (c.inLength == c.in.length) {
                c.in = java.util.Arrays.copyOf(c.in, c.in.length * 2);
            }
            ByteBuffer b = ByteBuffer.wrap(c.in, c.inLength, c.in.length - c.inLength);
            int r;
            try {
                r = c.channel.read(b);
            } catch (IOException reset) {
                return false;
            }
            if (r < 0) {
                return false;
            }
            if (r == 0) {
                return true;
            }
            c.inLength += r;
        }
    }

    /** {status, body offset, body length} of a complete response (Content-Length or chunked), or null. */
    private static int[] parse(byte[] in, int length) {
        int headersEnd = indexOf(in, 0, length, "\r\n\r\n");
        if (headersEnd < 0) {
            return null;
        }
        String head = new String(in, 0, headersEnd, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int status = Integer.parseInt(head.substring(9, 12));
        int bodyStart = headersEnd + 4;
        int cl = head.indexOf("\ncontent-length:");
        if (cl >= 0) {
            int eol = head.indexOf('\r', cl + 1);
            int len = Integer.parseInt(head.substring(cl + 16, eol < 0 ? head.length() : eol).strip());
            return length >= bodyStart + len ? new int[] {status, bodyStart, len} : null;
        }
        if (head.contains("\ntransfer-encoding: chunked")) {
            // first check that the last chunk is there, then de-chunk in place
            int p = bodyStart;
            while (true) {
                int eol = indexOf(in, p, length, "\r\n");
                if (eol < 0) {
                    return null;
                }
                int size = Integer.parseInt(new String(in, p, eol - p, StandardCharsets.ISO_8859_1).strip(), 16);
                if (size == 0) {
                    if (indexOf(in, eol + 2, length, "\r\n") < 0) {
                        return null;
                    }
                    break;
                }
                if (length < eol + 2 + size + 2) {
                    return null;
                }
                p = eol + 2 + size + 2;
            }
            p = bodyStart;
            int w = bodyStart;
            while (true) {
                int eol = indexOf(in, p, length, "\r\n");
                int size = Integer.parseInt(new String(in, p, eol - p, StandardCharsets.ISO_8859_1).strip(), 16);
                if (size == 0) {
                    return new int[] {status, bodyStart, w - bodyStart};
                }
                System.arraycopy(in, eol + 2, in, w, size);
                w += size;
                p = eol + 2 + size + 2;
            }
        }
        return new int[] {status, bodyStart, 0};
    }

    private static String id(byte[] in, int offset, int length) {
        int at = indexOf(in, offset, offset + length, "\"id\":\"");
        if (at < 0) {
            return null;
        }
        int end = indexOf(in, at + 6, offset + length, "\"");
        return end < 0 ? null : new String(in, at + 6, end - at - 6, StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(byte[] in, int from, int to, String what) {
        byte[] w = what.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = from; i <= to - w.length; i++) {
            for (int j = 0; j < w.length; j++) {
                if (in[i + j] != w[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
