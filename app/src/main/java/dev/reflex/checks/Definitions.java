package dev.reflex.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders shared by the definition records. */
final class Definitions {

    private Definitions() {
    }

    /** Builds validated time windows; windows whose times do not parse are left out. */
    static TimeWindows timeWindows(Object value) {
        Map<String, List<TimeWindows.Window>> days = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> w && w.get("days") instanceof Map<?, ?> dayMap) {
            dayMap.forEach((day, conditions) -> {
                List<TimeWindows.Window> windows = new ArrayList<>();
                if (conditions instanceof List<?> list) {
                    for (Object c : list) {
                        if (c instanceof Map<?, ?> cond && cond.get("begin") instanceof String b
                                && cond.get("end") instanceof String e) {
                            var begin = TimeWindows.ClockTime.parse(b);
                            var end = TimeWindows.ClockTime.parse(e);
                            if (begin.isPresent() && end.isPresent()) {
                                windows.add(new TimeWindows.Window(begin.get(), end.get()));
                            }
                        }
                    }
                }
                days.put(String.valueOf(day), List.copyOf(windows));
            });
        }
        return new TimeWindows(days);
    }
}
