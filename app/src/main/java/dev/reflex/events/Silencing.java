package dev.reflex.events;

import dev.reflex.checks.JsonValues;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether an event is silenced, as Sensu's server does while building it.
 *
 * <p>Only events whose status is not 0, or whose action is not {@code create}, are looked at. The
 * candidate entries are, for each of the client's subscriptions (its {@code client:NAME} one
 * included), {@code SUB:*} and {@code SUB:CHECK}, then {@code *:CHECK}. An entry with
 * {@code expire_on_resolve} deletes itself on a resolve event and does not silence it; any other
 * entry silences the event once its {@code begin} is reached (or when it has none).
 * {@code silenced_by} lists the matching ids in candidate order.
 */
public final class Silencing {

    private final SilenceRegistry registry;

    /** Silencing against the given registry. */
    public Silencing(SilenceRegistry registry) {
        this.registry = registry;
    }

    /** The event with {@code silenced} and {@code silenced_by} decided at {@code now} (epoch seconds). */
    public Event apply(Event event, long now) {
        if ((event.status() == 0 && event.action() == EventAction.CREATE) || registry.isEmpty()) {
            return event.withSilencing(false, List.of());
        }
        List<String> candidates = candidates(event);
        List<String> by = new ArrayList<>();
        for (SilenceEntry entry : registry.getAll(candidates)) {
            if (entry.expireOnResolve() && event.action() == EventAction.RESOLVE) {
                registry.delete(entry.id());
            } else if (entry.begun(now)) {
                by.add(entry.id());
            }
        }
        return event.withSilencing(!by.isEmpty(), by);
    }

    /** The silence ids that could apply to an event, in Sensu's order. */
    public static List<String> candidates(Event event) {
        String check = event.checkName();
        List<Object> subscriptions = JsonValues.asList(event.client().get("subscriptions"));
        List<String> ids = new ArrayList<>();
        if (subscriptions != null) {
            for (Object s : subscriptions) {
                ids.add(s + ":*");
                ids.add(s + ":" + check);
            }
        }
        ids.add("*:" + check);
        return ids;
    }
}
