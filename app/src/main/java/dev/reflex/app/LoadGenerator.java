package dev.reflex.app;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's load: busy shell loops at the lowest priority, each ended by {@code timeout} after the
 * given time even if Reflex dies first, so that the machine's load average climbs past the demo
 * thresholds for about a minute and nothing is left behind.
 */
final class LoadGenerator implements AutoCloseable {

    private final List<Process> processes = new ArrayList<>();

    /** Starts {@code count} busy loops for {@code length}. */
    static LoadGenerator start(int count, Duration length) throws IOException {
        LoadGenerator g = new LoadGenerator();
        String seconds = Long.toString(Math.max(1, length.toSeconds()));
        for (int i = 0; i < count; i++) {
            g.processes.add(new ProcessBuilder("nice", "-n", "19", "timeout", seconds, "sh", "-c", "while :; do :; done")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        return g;
    }

    /** How many loops are still running. */
    long running() {
        return processes.stream().filter(Process::isAlive).count();
    }

    /** Stops every loop now. */
    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
    }
}
