package dev.reflex.agent;

import dev.reflex.checks.JsonValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which remote runner commands an agent accepts, from two Reflex client attributes:
 * {@code allow_remote_commands} (a boolean, false when absent: the agent refuses every command) and
 * {@code allowed_remote_commands} (an optional list of patterns; absent or empty: any command).
 *
 * <p>A pattern is matched against the whole command as the action wrote it (for a script: its file
 * name, a space and its arguments). A pattern starting with {@code re:} is a Java regular expression
 * that must match the whole command. Any other pattern (optionally prefixed {@code glob:}) is a glob:
 * {@code *} matches any run of characters and {@code ?} one character, except the shell's control
 * characters {@code ; & | ` $ ( ) < >} and newlines, so {@code systemctl status *} does not let
 * {@code systemctl status x; rm -rf /} through. Every other character matches itself.
 */
public final class RemoteCommandPolicy {

    /** The client attribute that switches remote commands on. */
    public static final String ALLOW = "allow_remote_commands";
    /** The client attribute that lists the allowed command patterns. */
    public static final String PATTERNS = "allowed_remote_commands";
    private static final String NOT_CONTROL = "[^;&|`$()<>\\n\\r]";

    private final boolean allowed;
    private final List<String> sources;
    private final List<Pattern> patterns;

    private RemoteCommandPolicy(boolean allowed, List<String> sources, List<Pattern> patterns) {
        this.allowed = allowed;
        this.sources = sources;
        this.patterns = patterns;
    }

    /** The policy of a client definition (already validated, so patterns compile). */
    public static RemoteCommandPolicy of(Map<String, Object> client) {
        boolean allowed = Boolean.TRUE.equals(client.get(ALLOW));
        List<String> sources = new ArrayList<>();
        List<Object> declared = JsonValues.asList(client.get(PATTERNS));
        if (declared != null) {
            declared.forEach(o -> sources.add(String.valueOf(o)));
        }
        return new RemoteCommandPolicy(allowed, List.copyOf(sources),
                sources.stream().map(RemoteCommandPolicy::compile).toList());
    }

    /** Compiles one pattern; throws {@link java.util.regex.PatternSyntaxException} for a bad {@code re:} one. */
    public static Pattern compile(String pattern) {
        if (pattern.startsWith("re:")) {
            return Pattern.compile(pattern.substring(3), Pattern.DOTALL);
        }
        String glob = pattern.startsWith("glob:") ? pattern.substring(5) : pattern;
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(NOT_CONTROL).append(c == '*' ? "*" : "");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** Why {@code command} is refused, or empty when it may run. */
    public Optional<String> refusal(String command) {
        if (!allowed) {
            return Optional.of("remote commands are not allowed on this agent (" + ALLOW + " is false)");
        }
        if (patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matcher(command).matches())) {
            return Optional.empty();
        }
        return Optional.of("the command matches none of the " + sources.size() + " pattern(s) of " + PATTERNS);
    }

    /** Whether remote commands are switched on at all. */
    public boolean allowed() {
        return allowed;
    }
}
