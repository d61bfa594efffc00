package dev.reflex.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code reflex server} in a child JVM, started from the test classpath, so that tests can
 * kill it with SIGKILL and start it again on the same data directory.
 */
public final class ReflexProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ReflexProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code reflex server --data-dir DIR --http-port FREE extra…} and waits until it is ready. */
    public static ReflexProcess start(Path dataDir, String... extra) throws IOException, InterruptedException {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.reflex.app.Main", "server",
                "--data-dir", dataDir.toString(), "--http-port", Integer.toString(port)));
        cmd.addAll(List.of(extra));
        Path log = Files.createTempFile("reflex-process", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("REFLEX_ENV");
        Process p = pb.start();
        ReflexProcess rp = new ReflexProcess(p, port, log);
        rp.awaitReady(Duration.ofSeconds(60));
        return rp;
    }

    private void awaitReady(Duration max) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + max.toNanos();
        Http http = Http.local(port);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("reflex server exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                if (http.get("/api/v1/ready").statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("reflex server not ready within " + max + ":\n" + output());
    }

    /** The HTTP port. */
    public int port() {
        return port;
    }

    /** What the process printed so far. */
    public String output() throws IOException {
        return Files.readString(log);
    }

    /** Kills the process with SIGKILL, as a crash or the OOM killer would, and waits for it to die. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Sends SIGTERM and waits for the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("reflex server ignored SIGTERM for 30 s");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
