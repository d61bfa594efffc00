package dev.reflex.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code reflex agent} in a child JVM started from the test classpath, with the launcher's
 * small-footprint flags, so tests can kill it with SIGKILL and start it again.
 */
public final class AgentProcess implements AutoCloseable {

    /** The JVM flags the launcher gives the agent (its resident memory target is under 64 MB). */
    public static final List<String> JVM_FLAGS = List.of("-Xms8m", "-Xmx24m", "-Xss256k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=16m",
            "-XX:MaxMetaspaceSize=64m", "-XX:MaxDirectMemorySize=8m");

    private final Process process;
    private final Path log;

    private AgentProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code reflex agent --server URL --config FILE --data-dir DIR}. */
    public static AgentProcess start(String server, Path config, Path dataDir) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.reflex.app.Main", "agent",
                "--server", server, "--config", config.toString(), "--data-dir", dataDir.toString()));
        Path log = Files.createTempFile("reflex-agent", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("REFLEX_API_KEY");
        return new AgentProcess(pb.start(), log);
    }

    /** The process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether it still runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** What it printed so far. */
    public String output() throws IOException {
        return Files.readString(log);
    }

    /** Kills it with SIGKILL (its check commands die with it or finish on their own) and waits. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
