package dev.reflex.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs a check or hook command as Sensu's client does: through {@code /bin/sh -c}, standard output
 * and error captured together, optional data on standard input, and a timeout after which the whole
 * process tree is killed and the result is {@code "Execution timed out"} with status 2.
 */
public final class ProcessRunner {

    /** The output of a command that ran out of time. */
    public static final String TIMED_OUT = "Execution timed out";

    /**
     * What a command produced.
     *
     * @param output   standard output and error
     * @param status   the exit code (2 after a timeout, 3 when it could not start)
     * @param duration seconds it ran, to the millisecond
     */
    public record Outcome(String output, int status, double duration) {
    }

    private ProcessRunner() {
    }

    /**
     * Runs {@code command}.
     *
     * @param timeoutSeconds the time limit, or null/non-positive for none
     * @param stdin          what to write to standard input, or null
     */
    public static Outcome run(String command, Double timeoutSeconds, String stdin) {
        long started = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Outcome("Unable to run the command: " + e.getMessage(), 3, seconds(started));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the command did not read its input; that is its business
        }
        boolean finished;
        try {
            if (timeoutSeconds != null && timeoutSeconds > 0) {
                finished = p.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
            } else {
                p.waitFor();
                finished = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            killTree(p.toHandle());
            join(reader);
            return new Outcome(TIMED_OUT, 2, seconds(started));
        }
        join(reader);
        return new Outcome(out.toString(StandardCharsets.UTF_8), p.exitValue(), seconds(started));
    }

    /** Kills a process and every process it started, children first. */
    static void killTree(ProcessHandle root) {
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
        try {
            root.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // it is being killed; nothing more to do
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (out) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // the pipe closed
        }
    }

    private static void join(Thread t) {
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double seconds(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1_000_000.0) / 1000.0;
    }
}
