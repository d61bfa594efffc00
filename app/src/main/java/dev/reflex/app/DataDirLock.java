package dev.reflex.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds an exclusive lock on the data directory for as long as the server runs, so that a second
 * server started on the same directory stops with a clear message instead of sharing the embedded
 * database and the secret key file behind the first one's back. The operating system releases the
 * lock when the process dies, however it dies.
 */
final class DataDirLock implements Service {

    private final Path dir;
    private FileChannel channel;
    private FileLock lock;

    DataDirLock(Path dir) {
        this.dir = dir;
    }

    @Override
    public String name() {
        return "data-dir-lock";
    }

    @Override
    public void start() throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("reflex.lock");
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("another Reflex server is using the data directory " + dir.toAbsolutePath()
                    + "; stop it, or start this one with another --data-dir");
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Override
    public void stop() throws IOException {
        if (lock != null) {
            lock.release();
        }
        if (channel != null) {
            channel.close();
        }
    }
}
