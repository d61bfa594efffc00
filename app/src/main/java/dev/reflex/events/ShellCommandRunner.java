package dev.reflex.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs commands through {@code /bin/sh -c}, at most {@code limit} at a time (Sensu's
 * {@code sensu.spawn.limit}, 12 by default); callers beyond the limit wait their turn.
 *
 * <p>stdout and stderr are read together; the data is written to stdin from its own thread so that a
 * command that does not read it cannot block. On timeout the command and its descendants are killed
 * and the outcome is {@code "Execution timed out"} with status 2. The timeout is a process-level
 * deadline measured by the JVM's monotonic timer, not engine time.
 */
public final class ShellCommandRunner implements CommandRunner {

    private final Semaphore slots;

    /** A runner allowing {@code limit} concurrent commands. */
    public ShellCommandRunner(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the spawn limit must be at least 1");
        }
        this.slots = new Semaphore(limit, true);
    }

    @Override
    public Outcome run(String command, byte[] stdin, Duration timeout) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.error("interrupted while waiting for a spawn slot");
        }
        try {
            return spawn(command, stdin, timeout);
        } finally {
            slots.release();
        }
    }

    private static Outcome spawn(String command, byte[] stdin, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return Outcome.error(e.getMessage());
        }
        Thread.ofVirtual().name("stdin-" + process.pid()).start(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException ignored) {
                // the command closed its stdin early: not an error for the caller
            }
        });
        CompletableFuture<byte[]> output = new CompletableFuture<>();
        Thread.ofVirtual().name("stdout-" + process.pid()).start(() -> {
            try (InputStream out = process.getInputStream()) {
                output.complete(out.readAllBytes());
            } catch (IOException e) {
                output.completeExceptionally(e);
            }
        });
        try {
            if (timeout == null) {
                byte[] bytes = output.get();
                return new Outcome(process.waitFor(), bytes, false);
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                kill(process);
                return Outcome.timeout();
            }
            long left = Math.max(0, deadline - System.nanoTime());
            byte[] bytes = output.get(left, TimeUnit.NANOSECONDS);
            return new Outcome(process.exitValue(), bytes, false);
        } catch (TimeoutException e) {
            kill(process);
            return Outcome.timeout();
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return Outcome.error("interrupted");
        } catch (ExecutionException e) {
            kill(process);
            return Outcome.error(String.valueOf(e.getCause().getMessage()));
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
