package dev.reflex.checks;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The small type and shape predicates Sensu's settings validation is built from. */
final class Rules {

    /** Check, client and filter names: word characters, dots and dashes. */
    static final Pattern NAME = Pattern.compile("\\A[\\w.-]+\\z");
    /** A check {@code source}: a name, or a name with one client token in it. */
    static final Pattern SOURCE = Pattern.compile("\\A[\\w.-]*(:{3}[\\w|.-]+:{3}[\\w.-]*|[\\w.-]+)\\z");
    /** Aggregate names. */
    static final Pattern AGGREGATE = Pattern.compile("\\A[\\w.:|-]+\\z");
    /** The severity labels. */
    static final List<String> SEVERITIES = List.of("ok", "warning", "critical", "unknown");

    private Rules() {
    }

    static boolean isString(Object v) {
        return v instanceof String;
    }

    static boolean isHash(Object v) {
        return v instanceof Map<?, ?>;
    }

    static boolean isArray(Object v) {
        return v instanceof List<?>;
    }

    static boolean isInteger(Object v) {
        return JsonValues.isInteger(v);
    }

    static boolean isNumeric(Object v) {
        return JsonValues.isNumeric(v);
    }

    static boolean isBoolean(Object v) {
        return v instanceof Boolean;
    }

    static boolean stringIfSet(Object v) {
        return v == null || isString(v);
    }

    static boolean integerIfSet(Object v) {
        return v == null || isInteger(v);
    }

    static boolean numericIfSet(Object v) {
        return v == null || isNumeric(v);
    }

    static boolean booleanIfSet(Object v) {
        return v == null || isBoolean(v);
    }

    static boolean hashIfSet(Object v) {
        return v == null || isHash(v);
    }

    static boolean arrayIfSet(Object v) {
        return v == null || isArray(v);
    }

    static boolean matches(Pattern p, Object v) {
        return v instanceof String s && p.matcher(s).find();
    }

    /** Every item is a non-empty string (matching {@code p} when given). */
    static boolean stringItems(Object list, Pattern p) {
        if (!(list instanceof List<?> items)) {
            return false;
        }
        for (Object item : items) {
            if (!(item instanceof String s) || s.isEmpty() || (p != null && !p.matcher(s).find())) {
                return false;
            }
        }
        return true;
    }

    /** True if {@code n} is an integer greater than zero. */
    static boolean positiveInteger(Object n) {
        Long l = JsonValues.asLong(n);
        return l != null ? l > 0 : n instanceof java.math.BigInteger b && b.signum() > 0;
    }

    /**
     * Validates the time windows at {@code definition[attribute]} ({@code subdue} or {@code when}).
     *
     * @param base the path of the definition
     */
    static void timeWindows(Map<String, Object> definition, String attribute, String base, Problems p) {
        String path = base + "/" + attribute;
        Object windows = definition.get(attribute);
        if (!(windows instanceof Map<?, ?> w)) {
            p.add(path, attribute + " must be an object");
            return;
        }
        Object days = w.get("days");
        if (!(days instanceof Map<?, ?> dayMap)) {
            p.add(path + "/days", attribute + " days must be an object");
            return;
        }
        if (dayMap.isEmpty()) {
            p.add(path + "/days", attribute + " days must name at least one day of the week or 'all'");
            return;
        }
        for (Map.Entry<?, ?> day : dayMap.entrySet()) {
            String key = String.valueOf(day.getKey());
            String dayPath = path + "/days/" + JsonValues.escapePointer(key);
            if (!TimeWindows.DAY_KEYS.contains(key)) {
                p.add(dayPath, "'" + key + "' is not a day of the week or 'all'");
                continue;
            }
            if (!(day.getValue() instanceof List<?> conditions)) {
                p.add(dayPath, attribute + " days " + key + " must be an array of time windows");
                continue;
            }
            if (conditions.isEmpty()) {
                p.add(dayPath, attribute + " days " + key + " must hold at least one time window");
                continue;
            }
            for (int i = 0; i < conditions.size(); i++) {
                String condPath = dayPath + "/" + i;
                if (!(conditions.get(i) instanceof Map<?, ?> c)) {
                    p.add(condPath, "a time window must be an object with begin and end");
                    continue;
                }
                boolean validBegin = c.get("begin") instanceof String b && TimeWindows.ClockTime.parse(b).isPresent();
                boolean validEnd = c.get("end") instanceof String e && TimeWindows.ClockTime.parse(e).isPresent();
                if (!validBegin || !validEnd) {
                    p.add(condPath + (validBegin ? "/end" : "/begin"),
                            "time window begin and end must both be valid times of day (such as \"5:00 PM\")");
                }
            }
        }
    }
}
