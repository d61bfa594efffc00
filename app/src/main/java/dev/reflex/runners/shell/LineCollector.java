package dev.reflex.runners.shell;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * An output stream that keeps everything written to it and hands each complete line (without its
 * {@code \n} or {@code \r\n}) to a listener as soon as it is complete. {@link #close()} delivers a
 * last unterminated line. Safe to read with {@link #text()} while another thread writes.
 */
public final class LineCollector extends OutputStream {

    private final Consumer<String> listener;
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean closed;

    /** A collector that passes complete lines to {@code listener}. */
    public LineCollector(Consumer<String> listener) {
        this.listener = listener;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        synchronized (this) {
            all.write(bytes, offset, length);
        }
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i - start);
                emit();
                start = i + 1;
            }
        }
        line.write(bytes, start, end - start);
    }

    /** Delivers the last line if it had no terminator; later writes are still kept. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (line.size() > 0) {
                emit();
            }
        }
    }

    /** Everything written so far, decoded as UTF-8. */
    public synchronized String text() {
        return all.toString(StandardCharsets.UTF_8);
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        listener.accept(text);
    }
}
