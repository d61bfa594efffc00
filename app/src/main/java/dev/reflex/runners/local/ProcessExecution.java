package dev.reflex.runners.local;

import dev.reflex.runners.Cancellation;
import dev.reflex.runners.OutputSink;
import dev.reflex.runners.OutputType;
import dev.reflex.runners.shell.LineCollector;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one started process to its end: feeds its standard input, reads stdout and stderr on two
 * virtual threads (passing lines to the output sink as they come), and waits, without polling, for
 * the process to exit and both streams to close, for the timeout, or for cancellation, whichever
 * comes first. On timeout or cancellation the whole process tree is killed.
 */
final class ProcessExecution {

    /** How long to wait for the streams to close after the tree was killed. */
    private static final Duration DRAIN_AFTER_KILL = Duration.ofSeconds(5);

    /** How the process ended. */
    enum Ending { EXITED, TIMED_OUT, CANCELED }

    /** What the process left behind. */
    record Completed(Ending ending, int exitCode, String stdout, String stderr) {
    }

    private ProcessExecution() {
    }

    /**
     * Waits for the process.
     *
     * @param stdin   bytes for its standard input (then closed), or empty to close it at once
     * @param timeout zero or negative for no timeout
     */
    @SuppressWarnings("try") // the registration is only closed, never used
    static Completed await(Process process, Optional<String> stdin, Duration timeout, Cancellation cancellation,
                           OutputSink sink) {
        LineCollector out = new LineCollector(line -> sink.line(OutputType.STDOUT, line));
        LineCollector err = new LineCollector(line -> sink.line(OutputType.STDERR, line));
        CompletableFuture<Void> outDone = pump(process.getInputStream(), out);
        CompletableFuture<Void> errDone = pump(process.getErrorStream(), err);
        feed(process.getOutputStream(), stdin);
        CompletableFuture<Void> finished = CompletableFuture.allOf(process.onExit(), outDone, errDone);
        CompletableFuture<Void> canceled = new CompletableFuture<>();
        Ending ending = Ending.EXITED;
        try (Cancellation.Registration ignored = cancellation.onCancel(() -> canceled.complete(null))) {
            CompletableFuture<Object> first = CompletableFuture.anyOf(finished, canceled);
            if (timeout.isPositive()) {
                first.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } else {
                first.get();
            }
            if (!finished.isDone()) {
                ending = Ending.CANCELED;
            }
        } catch (TimeoutException e) {
            ending = Ending.TIMED_OUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ending = Ending.CANCELED;
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the process output failed", e.getCause());
        }
        if (ending != Ending.EXITED) {
            ProcessTree.kill(process);
            try {
                finished.get(DRAIN_AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // a descendant that escaped the kill still holds a pipe; report what was read
            }
        }
        int exitCode = process.isAlive() ? -1 : process.exitValue();
        return new Completed(ending, exitCode, out.text(), err.text());
    }

    private static CompletableFuture<Void> pump(InputStream in, LineCollector collector) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().name("process-output").start(() -> {
            try (in; collector) {
                in.transferTo(collector);
            } catch (IOException e) {
                // the stream was closed under us when the process was killed
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    private static void feed(OutputStream stdin, Optional<String> input) {
        try (stdin) {
            if (input.isPresent()) {
                stdin.write(input.get().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the process exited without reading its input; its exit code tells the story
        }
    }
}
