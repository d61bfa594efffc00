package dev.reflex.events;

import dev.reflex.checks.HandlerDefinition;
import dev.reflex.checks.Severity;
import java.util.List;

/**
 * The filter stages Sensu applies before named filters, in its order:
 * {@link #handlingDisabled()}, {@link #flapping()}, {@link #severities()}, {@link #silenced()}.
 */
public final class FilterStages {

    private FilterStages() {
    }

    /** Sensu's fixed stages, in order. */
    public static List<FilterStage> sensuDefaults() {
        return List.of(handlingDisabled(), flapping(), severities(), silenced());
    }

    /** Drops every event of a check with {@code handle: false}. */
    public static FilterStage handlingDisabled() {
        return (handler, event, json) -> Boolean.FALSE.equals(event.check().get("handle"))
                ? new FilterStage.Drop("handle", "the check disables handling (handle: false)")
                : FilterStage.PASS;
    }

    /** Drops {@code flapping} events unless the handler has {@code handle_flapping}. */
    public static FilterStage flapping() {
        return (handler, event, json) -> event.action() == EventAction.FLAPPING && !handler.handleFlapping()
                ? new FilterStage.Drop("flapping", "the handler does not handle flapping events")
                : FilterStage.PASS;
    }

    /**
     * Applies the handler's {@code severities}: the current status's severity must be listed; for a
     * resolve event, the severity of any status in the history.
     */
    public static FilterStage severities() {
        return (handler, event, json) -> handlesSeverity(handler, event)
                ? FilterStage.PASS
                : new FilterStage.Drop("severities", "the handler does not handle this severity");
    }

    /** True when the handler's severities admit the event. */
    public static boolean handlesSeverity(HandlerDefinition handler, Event event) {
        List<Severity> severities = handler.severities();
        if (severities == null) {
            return true;
        }
        if (event.action() == EventAction.RESOLVE) {
            for (String status : event.history()) {
                if (severities.contains(Severity.ofStatus(rubyToI(status)))) {
                    return true;
                }
            }
            return false;
        }
        return severities.contains(Severity.ofStatus(event.status()));
    }

    /** Ruby's {@code String#to_i}: the leading integer, or 0. */
    static long rubyToI(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digits = i;
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == digits) {
            return 0;
        }
        try {
            return Long.parseLong(s.substring(start, i));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Drops silenced events unless the handler has {@code handle_silenced}. */
    public static FilterStage silenced() {
        return (handler, event, json) -> event.silenced() && !handler.handleSilenced()
                ? new FilterStage.Drop("silenced", "the event is silenced by " + event.silencedBy())
                : FilterStage.PASS;
    }
}
