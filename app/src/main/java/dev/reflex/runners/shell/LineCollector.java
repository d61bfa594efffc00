package dev.reflex.runners.shell;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An output stream that keeps everything written to it and hands each complete line (without its
 * {@code \n} or {@code \r\n}) to a listener as soon as it is complete. {@link #close()} delivers a
 * last unterminated line. An optional filter may drop one line, the first it accepts, from both the
 * listener and the kept text (the remote runner uses it to take out its process-group marker).
 * Safe to read with {@link #text()} while another thread writes.
 */
public final class LineCollector extends OutputStream {

    private final Consumer<String> listener;
    private final Predicate<String> dropOnce;
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean dropped;
    private boolean closed;

    /** A collector that passes complete lines to {@code listener}. */
    public LineCollector(Consumer<String> listener) {
        this(listener, text -> false);
    }

    /** A collector that passes complete lines to {@code listener}, except the first line {@code dropOnce} accepts. */
    public LineCollector(Consumer<String> listener, Predicate<String> dropOnce) {
        this.listener = listener;
        this.dropOnce = dropOnce;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i + 1 - start);
                completeLine(true);
                start = i + 1;
            }
        }
        line.write(bytes, start, end - start);
    }

    /** Delivers the last line if it had no terminator. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (line.size() > 0) {
                completeLine(false);
            }
        }
    }

    /** Everything written so far (less a dropped line), decoded as UTF-8. */
    public synchronized String text() {
        return all.toString(StandardCharsets.UTF_8) + line.toString(StandardCharsets.UTF_8);
    }

    private void completeLine(boolean terminated) {
        byte[] raw = line.toByteArray();
        line.reset();
        String text = new String(raw, 0, terminated ? raw.length - 1 : raw.length, StandardCharsets.UTF_8);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (!dropped && dropOnce.test(text)) {
            dropped = true;
            return;
        }
        all.write(raw, 0, raw.length);
        listener.accept(text);
    }
}
