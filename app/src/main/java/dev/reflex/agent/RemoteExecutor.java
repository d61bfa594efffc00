package dev.reflex.agent;

import dev.reflex.runners.shell.LineCollector;
import dev.reflex.runners.shell.ShellCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the remote runners' commands the server sends to this agent, each on its own virtual thread:
 * checks the agent's {@link RemoteCommandPolicy} (a refused command is logged and answered as
 * {@code refused}), copies a script into a fresh private directory, runs the command as the SSH path
 * would (through {@code bash -c}, in a new session when {@code setsid} exists, the sudo password on
 * standard input), streams its output lines, and answers with one {@code remote_done}. On timeout or
 * {@code remote_cancel} the whole process tree is killed (its process group, with sudo when the command
 * used sudo, and every descendant still visible). Each stream kept for the answer is capped at
 * {@link #MAX_CAPTURE} characters, the rest replaced by a note.
 */
final class RemoteExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteExecutor.class);
    /** The most characters of each stream sent back in the answer. */
    static final int MAX_CAPTURE = 1024 * 1024;
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Path BASH = Path.of("/bin/bash");

    private final RemoteCommandPolicy policy;
    private final Consumer<AgentMessage> send;
    private final Map<String, CompletableFuture<String>> running = new ConcurrentHashMap<>();

    /**
     * @param policy which commands are accepted
     * @param send   sends a message to the server (safe from several threads)
     */
    RemoteExecutor(RemoteCommandPolicy policy, Consumer<AgentMessage> send) {
        this.policy = policy;
        this.send = send;
    }

    /** Starts the command of a {@code remote_run} message and returns at once. */
    void start(String id, Map<String, Object> command) {
        Thread.ofVirtual().name("remote-command-" + id).start(() -> {
            try {
                execute(id, command);
            } catch (RuntimeException e) {
                LOG.error("remote command {} failed", id, e);
                done(id, "failed", -1, "", "", "the agent failed: " + e);
            }
        });
    }

    /** Kills the command {@code id}, if it still runs. */
    void cancel(String id, String reason) {
        CompletableFuture<String> stop = running.get(id);
        if (stop != null) {
            LOG.info("cancelling remote command {}: {}", id, reason);
            stop.complete("canceled");
        }
    }

    /** Kills every command still running; their answers say the agent stopped them. */
    @Override
    public void close() {
        running.values().forEach(stop -> stop.complete("stopped"));
    }

    private void execute(String id, Map<String, Object> raw) {
        RemoteCommand c;
        try {
            c = RemoteCommand.parse(raw);
        } catch (IllegalArgumentException e) {
            LOG.warn("the server sent a bad remote command: {}", e.getMessage());
            done(id, "failed", -1, "", "", "bad remote command: " + e.getMessage());
            return;
        }
        Optional<String> refusal = policy.refusal(c.asWritten());
        if (refusal.isPresent()) {
            LOG.warn("refused the remote command of execution {} (program {}): {}", c.executionId(), program(c),
                    refusal.get());
            done(id, "refused", -1, "", "", refusal.get());
            return;
        }
        LOG.info("running the remote command of execution {} (program {}{})", c.executionId(), program(c),
                c.sudo() ? ", sudo" : "");
        try {
            if (c.scriptPath().isPresent()) {
                try {
                    writeScript(c);
                } catch (IOException e) {
                    done(id, "failed", -1, "", "", "Failed copying content to remote boxes. " + e);
                    return;
                }
            }
            run(id, c);
        } finally {
            if (c.scriptPath().isPresent()) {
                removeTree(Path.of(c.executionDir()));
            }
        }
    }

    private static String program(RemoteCommand c) {
        String written = c.asWritten().strip();
        int space = written.indexOf(' ');
        return space < 0 ? written : written.substring(0, space);
    }

    private void run(String id, RemoteCommand c) {
        List<String> argv = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            argv.add(SETSID.toString());
        }
        argv.addAll(List.of(Files.isExecutable(BASH) ? BASH.toString() : "/bin/sh", "-c", c.shellCommand()));
        CompletableFuture<String> stop = new CompletableFuture<>();
        running.put(id, stop);
        Process p;
        try {
            p = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            running.remove(id);
            done(id, "failed", -1, "", "", "Unable to run the command: " + e.getMessage());
            return;
        }
        try {
            LineCollector out = new LineCollector(line -> send.accept(new AgentMessage.RemoteOutput(id, "stdout", line)));
            LineCollector err = new LineCollector(line -> send.accept(new AgentMessage.RemoteOutput(id, "stderr", line)));
            Thread outReader = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
            Thread errReader = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
            try (OutputStream in = p.getOutputStream()) {
                if (c.sudoPassword().isPresent()) {
                    in.write((c.sudoPassword().get() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the command exited without reading its input
            }
            p.onExit().thenRun(() -> stop.complete("exited"));
            String ending = await(stop, c.timeoutSeconds());
            if (!ending.equals("exited")) {
                kill(p, c);
            }
            join(outReader);
            join(errReader);
            out.close();
            err.close();
            int status = ending.equals("exited") ? p.exitValue() : -1;
            if (ending.equals("stopped")) {
                done(id, "failed", -1, out.text(), err.text(), "the agent stopped and killed the command");
            } else {
                done(id, ending, status, out.text(), err.text(), ending.equals("exited") ? "" : ending.replace('_', ' '));
            }
        } finally {
            running.remove(id);
        }
    }

    private static String await(CompletableFuture<String> stop, long timeoutSeconds) {
        try {
            return timeoutSeconds > 0 ? stop.get(timeoutSeconds, TimeUnit.SECONDS) : stop.get();
        } catch (TimeoutException e) {
            return "timed_out";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "canceled";
        } catch (ExecutionException e) {
            return "canceled";
        }
    }

    /** Kills the process group (with sudo if the command used it), then every descendant still visible. */
    private static void kill(Process p, RemoteCommand c) {
        long pgid = p.pid();
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        if (Files.isExecutable(SETSID)) {
            String kill = ShellCommands.localCommand("kill -9 -- -" + pgid, c.sudo(), c.sudoPassword().isPresent());
            try {
                Process killer = new ProcessBuilder("/bin/sh", "-c", kill).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                try (OutputStream in = killer.getOutputStream()) {
                    if (c.sudoPassword().isPresent()) {
                        in.write((c.sudoPassword().get() + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // the kill did not read its input
                }
                killer.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                LOG.warn("could not kill process group {}: {}", pgid, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("process {} did not die within 10 seconds of SIGKILL", pgid);
        }
    }

    private void done(String id, String ending, int status, String stdout, String stderr, String message) {
        send.accept(new AgentMessage.RemoteDone(id, ending, status, cap(stdout), cap(stderr), message));
    }

    private static String cap(String text) {
        if (text.length() <= MAX_CAPTURE) {
            return text;
        }
        return text.substring(0, MAX_CAPTURE) + "\n[output truncated by the agent: " + (text.length() - MAX_CAPTURE)
                + " more characters]";
    }

    private static void writeScript(RemoteCommand c) throws IOException {
        Path base = Path.of(c.scriptDir());
        Files.createDirectories(base);
        Path dir = Path.of(c.executionDir());
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            throw new IOException(dir + " already exists", e);
        }
        Path script = Path.of(c.scriptPath().orElseThrow());
        Files.write(script, c.scriptContent());
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr--r--"));
    }

    private static void removeTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", dir, e.getMessage());
        }
    }

    private static void copy(InputStream in, OutputStream out) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
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
}
