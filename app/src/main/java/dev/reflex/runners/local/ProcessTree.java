package dev.reflex.runners.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts shell commands in their own session and kills a command together with everything it
 * started. Commands run under {@code setsid} when it exists, which makes the shell the leader of a
 * new process group; killing sends SIGKILL to that group and also to every descendant seen just
 * before, which catches children that moved to a group of their own.
 */
final class ProcessTree {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private ProcessTree() {
    }

    /** The argument vector that runs {@code command} with {@code /bin/sh -c}, in a new session if possible. */
    static List<String> shellCommand(String command) {
        if (Files.isExecutable(SETSID)) {
            return List.of(SETSID.toString(), "-w", "/bin/sh", "-c", command);
        }
        return List.of("/bin/sh", "-c", command);
    }

    /** Kills the process, its process group and all its descendants with SIGKILL. */
    static void kill(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (Files.isExecutable(SETSID) && process.isAlive()) {
            killGroup(process.pid());
        }
        for (ProcessHandle child : descendants) {
            child.destroyForcibly();
        }
        process.destroyForcibly();
        for (ProcessHandle child : process.descendants().toList()) {
            child.destroyForcibly();
        }
    }

    private static void killGroup(long pgid) {
        try {
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -KILL -" + pgid + " 2>/dev/null")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.getOutputStream().close();
            kill.waitFor();
        } catch (IOException e) {
            LOG.warn("could not kill process group {}: {}", pgid, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
