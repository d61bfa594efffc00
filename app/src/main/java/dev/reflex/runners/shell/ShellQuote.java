package dev.reflex.runners.shell;

import java.util.List;
import java.util.stream.Collectors;

/**
 * POSIX shell quoting: turns any string into one shell word that the shell reads back as exactly
 * that string, with no expansion, globbing or command separation. Strings made only of
 * {@code [A-Za-z0-9_@%+=:,./-]} are left as they are; anything else is wrapped in single quotes, an
 * embedded single quote becoming {@code '"'"'}; the empty string becomes {@code ''}. This is the
 * same result as Python's {@code shlex.quote}, which StackStorm uses.
 *
 * <p>The template layer applies {@link #quote} to trigger-payload values rendered into a shell
 * command, so that {@code x; touch /tmp/pwned} is printed by {@code echo} instead of run.
 */
public final class ShellQuote {

    private ShellQuote() {
    }

    /** One shell word meaning exactly {@code value}. */
    public static String quote(String value) {
        if (value.isEmpty()) {
            return "''";
        }
        if (isSafe(value)) {
            return value;
        }
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }

    /** The quoted words joined by single spaces. */
    public static String join(List<String> words) {
        return words.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }

    private static boolean isSafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "_@%+=:,./-".indexOf(c) >= 0;
            if (!safe) {
                return false;
            }
        }
        return true;
    }
}
