package dev.reflex.agent;

import dev.reflex.checks.JsonValues;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's results on their way to the server, one file each in {@code <data-dir>/buffer/}, named
 * by a sequence number that survives restarts. A result is written (and synced) before it is sent and
 * removed when the server acknowledges it, so results taken while disconnected, or in flight when a
 * connection or the server broke, are sent again. The buffer is bounded: past {@code capacity} the
 * oldest result is dropped, and each drop is logged and counted.
 */
public final class ResultBuffer {

    private static final Logger LOG = LoggerFactory.getLogger(ResultBuffer.class);

    /** One buffered result. */
    public record Entry(String id, Map<String, Object> payload) {
    }

    private final Path dir;
    private final int capacity;
    private final TreeMap<Long, Map<String, Object>> entries = new TreeMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private long next;

    /** Opens (creating it if needed) the buffer in {@code dir}, reading back what a previous run left. */
    public ResultBuffer(Path dir, int capacity) throws IOException {
        this.dir = dir;
        this.capacity = capacity;
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".tmp")) {
                    Files.deleteIfExists(f);
                    continue;
                }
                if (!n.endsWith(".json")) {
                    continue;
                }
                try {
                    long seq = Long.parseLong(n.substring(0, n.length() - 5));
                    entries.put(seq, JsonValues.asMap(JsonValues.read(Files.readString(f))));
                    next = Math.max(next, seq + 1);
                } catch (RuntimeException e) {
                    LOG.warn("unreadable buffered result {} removed: {}", f, e.getMessage());
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private Path file(long seq) {
        return dir.resolve(String.format("%019d.json", seq));
    }

    /** Writes a result durably and returns its entry. */
    public synchronized Entry append(Map<String, Object> payload) throws IOException {
        long seq = next++;
        Path tmp = dir.resolve(seq + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(JsonValues.write(payload).getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, file(seq), StandardCopyOption.ATOMIC_MOVE);
        entries.put(seq, payload);
        while (entries.size() > capacity) {
            long oldest = entries.firstKey();
            entries.remove(oldest);
            Files.deleteIfExists(file(oldest));
            LOG.warn("the result buffer is full ({} results): the oldest result was dropped ({} so far)", capacity,
                    dropped.incrementAndGet());
        }
        return new Entry(Long.toString(seq), payload);
    }

    /** Forgets a result the server acknowledged (or rejected for good). */
    public synchronized void remove(String id) {
        long seq;
        try {
            seq = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return;
        }
        if (entries.remove(seq) != null) {
            try {
                Files.deleteIfExists(file(seq));
            } catch (IOException e) {
                LOG.warn("could not delete buffered result {}: {}", seq, e.getMessage());
            }
        }
    }

    /** The buffered results, oldest first. */
    public synchronized List<Entry> pending() {
        List<Entry> out = new ArrayList<>(entries.size());
        entries.forEach((seq, payload) -> out.add(new Entry(Long.toString(seq), payload)));
        return out;
    }

    /** How many results are buffered. */
    public synchronized int size() {
        return entries.size();
    }

    /** How many results were dropped because the buffer was full. */
    public long dropped() {
        return dropped.get();
    }
}
