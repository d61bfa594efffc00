package dev.reflex.runners.shell;

import dev.reflex.runners.Json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The result map of a shell execution, as StackStorm builds it:
 * {@code {failed, succeeded, return_code, stdout, stderr}} where {@code succeeded} means exit code 0,
 * one trailing newline (and then one carriage return) is stripped from each stream, and each stream
 * is replaced by its parsed value when it is valid JSON.
 */
public final class ShellResults {

    /** The return code StackStorm reports for an action killed at its timeout. */
    public static final int TIMEOUT_EXIT_CODE = -9;

    private static final Pattern SUDO_FAILED = Pattern.compile("sudo: \\d+ incorrect password attempts?");
    private static final Pattern SUDO_USER = Pattern.compile("\\[sudo] password for (.+?):");

    private ShellResults() {
    }

    /** The result map for an exit code and the two captured streams. */
    public static Map<String, Object> of(int returnCode, String stdout, String stderr) {
        boolean succeeded = returnCode == 0;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("failed", !succeeded);
        result.put("succeeded", succeeded);
        result.put("return_code", returnCode);
        result.put("stdout", Json.parseOrKeep(stripShellChars(stdout)));
        result.put("stderr", Json.parseOrKeep(stripShellChars(stderr)));
        return result;
    }

    /** Removes one trailing {@code \n}, then one trailing {@code \r}, as StackStorm does. */
    public static String stripShellChars(String text) {
        String out = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return out.endsWith("\r") ? out.substring(0, out.length() - 1) : out;
    }

    /**
     * When sudo refused the password (its stderr says so), StackStorm's error message naming the
     * user; empty otherwise.
     */
    public static Optional<String> sudoPasswordError(String stderr) {
        if (!SUDO_FAILED.matcher(stderr).find()) {
            return Optional.empty();
        }
        Matcher user = SUDO_USER.matcher(stderr);
        String name = user.find() ? user.group(1) : "unknown";
        return Optional.of("Invalid sudo password provided or sudo is not configured for this user (" + name + ")");
    }
}
