package dev.reflex.checks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the server shortens check output before storing a result.
 *
 * <p>Truncation applies when the check has {@code truncate_output: true}, or when it is a
 * {@code type: metric} check without {@code truncate_output: false}. Then only the first line is
 * kept; if the output had more lines, or that line is longer than {@code truncate_output_length}
 * (default 255) characters, the first {@code length + 1} characters are kept followed by
 * {@code "\n..."}. Characters that were invalid UTF-8 (decoded as U+FFFD) are dropped first. The
 * event itself still carries the full output; only the stored result is shortened.
 */
public final class OutputTruncation {

    /** The default {@code truncate_output_length}. */
    public static final int DEFAULT_LENGTH = 255;

    private OutputTruncation() {
    }

    /** True when Sensu would truncate this check's output. */
    public static boolean applies(Map<String, Object> check) {
        Object flag = check.get("truncate_output");
        return JsonValues.truthy(flag)
                || ("metric".equals(check.get("type")) && !Boolean.FALSE.equals(flag));
    }

    /** The check with its output truncated when it should be; otherwise the same map. */
    public static Map<String, Object> apply(Map<String, Object> check) {
        if (!applies(check) || !(check.get("output") instanceof String output)) {
            return check;
        }
        Integer configured = JsonValues.asInt(check.get("truncate_output_length"));
        int length = configured == null ? DEFAULT_LENGTH : configured;
        String truncated = truncate(output, length);
        if (truncated.equals(output)) {
            return check;
        }
        Map<String, Object> copy = new LinkedHashMap<>(check);
        copy.put("output", truncated);
        return copy;
    }

    /** Truncates one output text with the given maximum line length. */
    public static String truncate(String output, int length) {
        String clean = output.indexOf('\uFFFD') >= 0 ? output.replace("\uFFFD", "") : output;
        String[] lines = clean.split("\n");
        String first = lines.length == 0 ? clean : lines[0];
        if (lines.length > 1 || first.codePointCount(0, first.length()) > length) {
            int keep = Math.min(length + 1, first.codePointCount(0, first.length()));
            return first.substring(0, first.offsetByCodePoints(0, keep)) + "\n...";
        }
        return first;
    }
}
