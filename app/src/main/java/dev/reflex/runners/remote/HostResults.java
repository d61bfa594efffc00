package dev.reflex.runners.remote;

import dev.reflex.runners.Json;
import dev.reflex.runners.shell.ShellResults;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-host entries of a remote runner's result, in StackStorm's shapes: a finished command gives
 * {@code {stdout, stderr, return_code, succeeded, failed}} (streams stripped of one trailing newline,
 * {@code \r\n} turned into {@code \n} when a pseudo-terminal was used, then parsed when JSON); an
 * error gives {@code {failed, succeeded, timeout, return_code, stdout, stderr, error}} with return
 * code {@code -9} for a timeout and {@code 255} for anything else.
 */
final class HostResults {

    /** How the execution went on one host. */
    enum HostStatus { SUCCEEDED, FAILED, TIMED_OUT, CANCELED }

    /** One host's result entry and status. */
    record HostResult(HostStatus status, Map<String, Object> entry) {
    }

    private HostResults() {
    }

    static HostResult finished(int returnCode, String stdout, String stderr, boolean pty) {
        boolean succeeded = returnCode == 0;
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("stdout", Json.parseOrKeep(sanitize(stdout, pty)));
        entry.put("stderr", Json.parseOrKeep(sanitize(stderr, pty)));
        entry.put("return_code", returnCode);
        entry.put("succeeded", succeeded);
        entry.put("failed", !succeeded);
        return new HostResult(succeeded ? HostStatus.SUCCEEDED : HostStatus.FAILED, entry);
    }

    static HostResult timedOut(long seconds, String host, String stdout, String stderr, boolean pty) {
        return new HostResult(HostStatus.TIMED_OUT, error(true, ShellResults.TIMEOUT_EXIT_CODE, sanitize(stdout, pty),
                sanitize(stderr, pty), "Failed executing command on host \"" + host + "\": Command didn't finish in "
                        + seconds + " seconds"));
    }

    static HostResult canceled(String reason, String stdout, String stderr, boolean pty) {
        return new HostResult(HostStatus.CANCELED, error(false, ShellResults.TIMEOUT_EXIT_CODE, sanitize(stdout, pty),
                sanitize(stderr, pty), "Action was canceled: " + reason));
    }

    static HostResult failed(String message) {
        return new HostResult(HostStatus.FAILED, error(false, 255, "", "", message));
    }

    private static Map<String, Object> error(boolean timeout, int returnCode, String stdout, String stderr, String message) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("failed", true);
        entry.put("succeeded", false);
        entry.put("timeout", timeout);
        entry.put("return_code", returnCode);
        entry.put("stdout", stdout);
        entry.put("stderr", stderr);
        entry.put("error", message);
        return entry;
    }

    private static String sanitize(String text, boolean pty) {
        String out = ShellResults.stripShellChars(text);
        return pty ? out.replace("\r\n", "\n") : out;
    }
}
