package dev.reflex.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations written in configuration: a number and a unit ({@code 500ms}, {@code 2s},
 * {@code 5m}, {@code 1h}, {@code 1d}), several of them in a row ({@code 1m30s}), {@code 0}, or an
 * ISO-8601 duration ({@code PT2S}).
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d))+");

    /** What a valid duration looks like, for error messages. */
    public static final String EXPECTED = "a number and a unit such as 500ms, 2s, 5m, 1h or 1d (or 1m30s)";

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException with a message fit for the user when the text is not a duration
     */
    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        if (t.startsWith("p")) {
            try {
                Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                if (d.isNegative()) {
                    throw new IllegalArgumentException("a duration cannot be negative: '" + text + "'");
                }
                return d;
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        if (!WHOLE.matcher(t).matches()) {
            throw invalid(text);
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            BigDecimal amount = new BigDecimal(m.group(1));
            long unitNanos = switch (m.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> 86_400_000_000_000L;
            };
            try {
                total = total.plusNanos(amount.multiply(BigDecimal.valueOf(unitNanos)).longValueExact());
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("duration '" + text + "' is too long or too precise");
            }
        }
        return total;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid duration '" + text + "'; expected " + EXPECTED);
    }
}
