package dev.reflex.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code reflex agent} in a child JVM started from the test classpath, with the launcher's
 * small-footprint options and environment (read from {@code scripts/agent-jvm.options}, as the
 * launcher does), so tests can kill it with SIGKILL and start it again.
 */
public final class AgentProcess implements AutoCloseable {

    /** The file the launcher reads the agent's JVM options from, relative to the repository root. */
    static final String OPTIONS_FILE = "scripts/agent-jvm.options";
    /** The JVM flags the launcher gives the agent (its resident memory target is under 64 MB). */
    public static final List<String> JVM_FLAGS;
    /** The environment variables the launcher sets for the agent. */
    public static final Map<String, String> ENVIRONMENT;

    static {
        List<String> flags = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String raw : Files.readAllLines(optionsFile())) {
                String line = raw.strip();
                if (line.startsWith("-")) {
                    flags.add(line);
                } else if (!line.isEmpty() && !line.startsWith("#") && line.contains("=")) {
                    env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (flags.isEmpty()) {
            throw new IllegalStateException(OPTIONS_FILE + " holds no JVM option");
        }
        JVM_FLAGS = List.copyOf(flags);
        ENVIRONMENT = Map.copyOf(env);
    }

    private static Path optionsFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(OPTIONS_FILE))) {
                return dir.resolve(OPTIONS_FILE);
            }
        }
        throw new IllegalStateException("no " + OPTIONS_FILE + " above " + Path.of("").toAbsolutePath());
    }

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
        pb.environment().putAll(ENVIRONMENT);
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
