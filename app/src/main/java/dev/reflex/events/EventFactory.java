package dev.reflex.events;

import dev.reflex.checks.JsonValues;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an event from a client, a check and the pair's history, as Sensu's {@code create_event}
 * does.
 *
 * <ol>
 *   <li>The check gets {@code history} (strings) and {@code total_state_change}.</li>
 *   <li>Flapping is decided against the stored event's action.</li>
 *   <li>The event starts as {id: new, occurrences 1, watermark 1, last_ok, action create or
 *       flapping, timestamp now}; a stored event lends its id, last_state_change, occurrences and
 *       watermark.</li>
 *   <li>A non-OK or flapping result counts one more occurrence when its status equals the previous
 *       one (and raises the watermark), otherwise restarts at 1 and marks the state change; an OK
 *       result with a stored event becomes {@code resolve} and marks the state change.</li>
 *   <li>Silencing is decided.</li>
 * </ol>
 */
public final class EventFactory {

    private static final Logger LOG = LoggerFactory.getLogger(EventFactory.class);

    private final EventState state;
    private final Silencing silencing;
    private final Clock clock;
    private final Supplier<String> ids;

    /**
     * @param ids the source of new event ids (see {@link EventIds})
     */
    public EventFactory(EventState state, SilenceRegistry silences, Clock clock, Supplier<String> ids) {
        this.state = state;
        this.silencing = new Silencing(silences);
        this.clock = clock;
        this.ids = ids;
    }

    /** The pair's current history (used for events not backed by a stored result, such as registration). */
    public StatusHistory history(ResultKey key) {
        return state.history(key);
    }

    /**
     * Builds the event.
     *
     * @param client  the client attributes
     * @param check   the check attributes; this map is completed with history and total_state_change
     * @param history the pair's history including this result
     */
    public Event create(Map<String, Object> client, Map<String, Object> check, StatusHistory history) {
        int tsc = StateChange.totalStateChange(history);
        check.put("history", history.asStrings());
        check.put("total_state_change", tsc);
        ResultKey key = new ResultKey(String.valueOf(client.get("name")), String.valueOf(check.get("name")));
        Optional<EventFacts> stored = state.eventFacts(key);
        StateChange.Flapping flap = StateChange.flapping(check, tsc,
                stored.map(e -> e.action() == EventAction.FLAPPING).orElse(false));
        if (flap == StateChange.Flapping.INVALID_THRESHOLDS) {
            LOG.error("invalid check flap thresholds for {}: low {} high {}", key,
                    check.get("low_flap_threshold"), check.get("high_flap_threshold"));
        }
        boolean flapping = flap.flapping();
        long now = clock.instant().getEpochSecond();
        String id;
        long occurrences = 1;
        long watermark = 1;
        Long lastStateChange = null;
        EventAction action = flapping ? EventAction.FLAPPING : EventAction.CREATE;
        if (stored.isPresent()) {
            EventFacts previous = stored.get();
            id = previous.id();
            lastStateChange = previous.lastStateChange();
            occurrences = previous.occurrences();
            watermark = previous.occurrencesWatermark();
        } else {
            id = ids.get();
        }
        Long status = JsonValues.asLong(check.get("status"));
        if (status == null || status != 0 || flapping) {
            if (Objects.equals(history.fromEnd(0), history.fromEnd(1))) {
                occurrences += 1;
                if (occurrences > watermark) {
                    watermark = occurrences;
                }
            } else {
                occurrences = 1;
                lastStateChange = now;
            }
        } else if (stored.isPresent()) {
            lastStateChange = now;
            action = EventAction.RESOLVE;
        }
        Event event = new Event(id, client, check, occurrences, watermark, history.lastOk(), lastStateChange,
                action, now, false, List.of());
        return silencing.apply(event, now);
    }
}
