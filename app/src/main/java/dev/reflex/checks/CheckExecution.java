package dev.reflex.checks;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client does with a check request before running it: substitute client tokens in every
 * check attribute, and refuse to run when a token has no value and no default.
 *
 * <p>The substituted command is what runs; the published result keeps the original {@code command}
 * and {@code hooks} (so client secrets used in tokens do not travel). With unmatched tokens the
 * command is not run and the result is {@code "Unmatched client token(s): a, b"} with status 3 and
 * {@code handle: false}: it is stored as an event but never handled.
 *
 * <p>Unlike Sensu, a token value that is not a plain word is single-quoted where it lands in the
 * command ({@link ShellQuoting}), so client attributes cannot inject shell code; other attributes get
 * the values verbatim.
 */
public final class CheckExecution {

    /** The status of a result whose tokens did not all match. */
    public static final int UNMATCHED_STATUS = 3;

    private CheckExecution() {
    }

    /** The outcome of preparing a check for execution. */
    public sealed interface Prepared permits Ready, Unmatched {
    }

    /**
     * The check can run.
     *
     * @param command the command to run, tokens substituted
     * @param check   the check attributes to publish with the result (tokens substituted, except
     *                {@code command} and {@code hooks}, which stay as defined)
     */
    public record Ready(String command, Map<String, Object> check) implements Prepared {
    }

    /**
     * The check must not run; {@code result} is the check to publish instead.
     *
     * @param tokens the unmatched token paths
     * @param result the check attributes with output, status 3, handle false and executed
     */
    public record Unmatched(List<String> tokens, Map<String, Object> result) implements Prepared {
    }

    /** The output Sensu publishes for unmatched tokens. */
    public static String unmatchedOutput(List<String> tokens) {
        return "Unmatched client token(s): " + String.join(", ", tokens);
    }

    /**
     * Substitutes the client's attributes into a check request.
     *
     * @param check  the check request (definition attributes plus {@code issued})
     * @param client the client definition's attributes
     */
    public static Prepared prepare(Map<String, Object> check, Map<String, Object> client, Clock clock) {
        Tokens.Substitution<Map<String, Object>> s = Tokens.substituteMap(check, client);
        Map<String, Object> published = new LinkedHashMap<>(s.value());
        published.put("command", check.get("command"));
        if (check.get("hooks") != null) {
            published.put("hooks", check.get("hooks"));
        } else {
            published.remove("hooks");
        }
        published.put("executed", clock.instant().getEpochSecond());
        if (!s.complete()) {
            published.put("output", unmatchedOutput(s.unmatched()));
            published.put("status", (long) UNMATCHED_STATUS);
            published.put("handle", false);
            return new Unmatched(s.unmatched(), published);
        }
        Object command = check.get("command");
        return new Ready(command instanceof String c ? substituteCommand(c, client).value() : null, published);
    }

    /**
     * Substitutes client tokens into a check or hook command, quoting values that are not plain
     * words ({@link ShellQuoting#quoteIfNeeded}).
     */
    public static Tokens.Substitution<String> substituteCommand(String command, Map<String, Object> client) {
        return Tokens.substitute(command, client, ShellQuoting::quoteIfNeeded);
    }

    /**
     * The request the server publishes for one proxy client of a check with {@code proxy_requests}:
     * the check with the client's tokens substituted (the command's values quoted as in
     * {@link #substituteCommand}), and {@code source} defaulting to the client's name. Empty when a
     * token is unmatched: Sensu then publishes nothing for that client.
     */
    public static java.util.Optional<Map<String, Object>> proxyRequest(Map<String, Object> check, Map<String, Object> client) {
        Tokens.Substitution<Map<String, Object>> s = Tokens.substituteMap(check, client);
        if (!s.complete()) {
            return java.util.Optional.empty();
        }
        Map<String, Object> request = new LinkedHashMap<>(s.value());
        if (check.get("command") instanceof String command) {
            request.put("command", substituteCommand(command, client).value());
        }
        if (!JsonValues.truthy(request.get("source"))) {
            request.put("source", client.get("name"));
        }
        return java.util.Optional.of(request);
    }
}
