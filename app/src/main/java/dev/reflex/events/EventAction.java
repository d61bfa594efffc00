package dev.reflex.events;

import java.util.Locale;

/** What an event says happened: Sensu's three actions. */
public enum EventAction {
    /** A non-OK result (or an OK result of a metric check). */
    CREATE,
    /** An OK result after an event existed. */
    RESOLVE,
    /** The check's state changes too often (flap detection). */
    FLAPPING;

    /** The lower-case name used in event JSON ({@code "create"}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an event JSON action; unknown text is {@link #CREATE}, Sensu's default. */
    public static EventAction fromLabel(Object label) {
        if ("resolve".equals(label)) {
            return RESOLVE;
        }
        return "flapping".equals(label) ? FLAPPING : CREATE;
    }
}
