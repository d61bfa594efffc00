package dev.reflex.events;

import dev.reflex.checks.JsonValues;
import java.util.Map;

/**
 * Sensu's built-in {@code occurrences} filter, configured on the check: {@code occurrences}
 * (default 1), {@code refresh} seconds (default 1800) and the check {@code interval} (default 60).
 *
 * <ul>
 *   <li>A resolve event passes when its occurrence watermark reached {@code occurrences}.</li>
 *   <li>Otherwise, with integer settings, an event with fewer occurrences than {@code occurrences}
 *       is dropped.</li>
 *   <li>A {@code create} or {@code flapping} event past {@code occurrences} passes once every
 *       {@code floor(refresh / interval)} occurrences (always when that is 0).</li>
 * </ul>
 *
 * <p>Sensu's original extension applies the refresh to {@code create} only; Sensu 0.29 extended it
 * to {@code flapping}, and Reflex follows that.
 */
public final class OccurrencesFilter implements BuiltinFilter {

    /** The name handlers use for it. */
    public static final String NAME = "occurrences";

    @Override
    public boolean filtered(Event event, Map<String, Object> json) {
        Map<String, Object> check = event.check();
        Object occurrencesSetting = orDefault(check.get("occurrences"), 1L);
        Object refreshSetting = orDefault(check.get("refresh"), 1800L);
        long watermark = event.occurrencesWatermark();
        Long occurrences = JsonValues.asLong(occurrencesSetting);
        if (event.action() == EventAction.RESOLVE && occurrences != null && watermark >= occurrences) {
            return false;
        }
        Long refresh = JsonValues.asLong(refreshSetting);
        if (occurrences != null && refresh != null) {
            if (event.occurrences() < occurrences) {
                return true;
            }
            if (event.occurrences() > occurrences
                    && (event.action() == EventAction.CREATE || event.action() == EventAction.FLAPPING)) {
                Object intervalSetting = orDefault(check.get("interval"), 60L);
                if (!(intervalSetting instanceof Number interval)) {
                    return false;
                }
                long count = (long) (refresh.doubleValue() / interval.doubleValue());
                return !(count == 0 || (event.occurrences() - occurrences) % count == 0);
            }
        }
        return false;
    }

    /** Ruby's {@code x || default}. */
    private static Object orDefault(Object value, Object fallback) {
        return JsonValues.truthy(value) ? value : fallback;
    }
}
