package dev.reflex.checks;

import java.util.regex.Pattern;

/**
 * Quoting for values substituted into shell commands.
 *
 * <p>Sensu inserts client token values into check and hook commands verbatim, so a client attribute
 * such as {@code "x; rm -rf /"} (proxy clients can be created through the API) becomes shell code.
 * Reflex inserts a value verbatim only when it is a plain word (letters, digits and
 * {@code _ . / : @ % + = , -}), which covers thresholds, host names, addresses and most URLs, so
 * such commands run exactly as in Sensu; any other value is single-quoted, so it stays one argument
 * and is never interpreted by the shell.
 */
public final class ShellQuoting {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+=,-]*");

    private ShellQuoting() {
    }

    /** The value itself when it is a plain word (or empty), otherwise single-quoted. */
    public static String quoteIfNeeded(String value) {
        return PLAIN.matcher(value).matches() ? value : quote(value);
    }

    /** The value single-quoted for {@code /bin/sh}. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }
}
