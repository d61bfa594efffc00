package dev.reflex.checks;

import java.util.Locale;

/**
 * The four Sensu severities and how a check status maps onto them.
 *
 * <p>Sensu looks a status up as {@code %w[ok warning critical unknown][status] || "unknown"}, so
 * 0..3 are themselves, statuses of 4 and above are unknown, and Ruby's negative indexing maps
 * -1..-4 to unknown, critical, warning and ok (anything lower is unknown).
 */
public enum Severity {
    OK, WARNING, CRITICAL, UNKNOWN;

    private static final Severity[] BY_STATUS = values();

    /** The severity of a check status, exactly as Sensu derives it. */
    public static Severity ofStatus(long status) {
        if (status >= 0 && status < 4) {
            return BY_STATUS[(int) status];
        }
        if (status < 0 && status >= -4) {
            return BY_STATUS[(int) (4 + status)];
        }
        return UNKNOWN;
    }

    /** The lower-case name used in settings and APIs ({@code "critical"}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a lower-case label; null when it is not one of the four. */
    public static Severity fromLabel(String label) {
        for (Severity s : BY_STATUS) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        return null;
    }
}
