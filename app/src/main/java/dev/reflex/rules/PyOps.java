package dev.reflex.rules;

import dev.reflex.template.PyTypes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Python 3 semantics of {@code ==}, {@code <}, {@code in} and a few {@code str} methods on plain
 * data, which StackStorm's operators use without any type coercion. {@code bool} is an
 * {@code int} ({@code True == 1}), {@code int} and {@code float} compare exactly, {@code "1" != 1}.
 */
final class PyOps {

    private PyOps() {
    }

    /** Python {@code a == b}. */
    static boolean eq(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof String x) {
            return b instanceof String y && x.equals(y);
        }
        if (isNumber(a) || isNumber(b)) {
            return isNumber(a) && isNumber(b) && compareNumbers(a, b) == 0 && !isNaN(a) && !isNaN(b);
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                Object other = y.get(e.getKey());
                if ((other == null && !y.containsKey(e.getKey())) || !eq(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!eq(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Python {@code a < b} ({@code less}) or {@code a > b}.
     *
     * @throws PyError when Python raises {@code TypeError} (str against int, None, dicts…)
     */
    static boolean order(Object a, Object b, boolean less) {
        if (isNumber(a) && isNumber(b)) {
            if (isNaN(a) || isNaN(b)) {
                return false;
            }
            int c = compareNumbers(a, b);
            return less ? c < 0 : c > 0;
        }
        if (a instanceof String x && b instanceof String y) {
            int c = compareCodePoints(x, y);
            return less ? c < 0 : c > 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            int n = Math.min(x.size(), y.size());
            for (int i = 0; i < n; i++) {
                if (!eq(x.get(i), y.get(i))) {
                    return order(x.get(i), y.get(i), less);
                }
            }
            return less ? x.size() < y.size() : x.size() > y.size();
        }
        throw new PyError("'" + (less ? "<" : ">") + "' not supported between instances of '"
                + PyTypes.name(a) + "' and '" + PyTypes.name(b) + "'");
    }

    /**
     * Python {@code item in container}: substring, list member or dict key.
     *
     * @throws PyError when Python raises ({@code None} or a number as container, a non-str in a str, an unhashable dict key)
     */
    static boolean in(Object item, Object container) {
        switch (container) {
            case String s -> {
                if (!(item instanceof String sub)) {
                    throw new PyError("'in <string>' requires string as left operand, not " + PyTypes.name(item));
                }
                return s.contains(sub);
            }
            case List<?> list -> {
                for (Object o : list) {
                    if (eq(item, o)) {
                        return true;
                    }
                }
                return false;
            }
            case Map<?, ?> map -> {
                if (item instanceof Map || item instanceof List) {
                    throw new PyError("unhashable type: '" + PyTypes.name(item) + "'");
                }
                return item instanceof String && map.containsKey(item);
            }
            case null, default -> throw new PyError("argument of type '" + PyTypes.name(container) + "' is not iterable");
        }
    }

    /** Python {@code x.lower()}. */
    static String lower(Object x) {
        if (x instanceof String s) {
            return s.toLowerCase(Locale.ROOT);
        }
        throw new PyError("'" + PyTypes.name(x) + "' object has no attribute 'lower'");
    }

    /** Python {@code value.startswith(affix)} or {@code value.endswith(affix)}. */
    static boolean affix(Object value, Object affix, boolean prefix) {
        String method = prefix ? "startswith" : "endswith";
        if (!(value instanceof String s)) {
            throw new PyError("'" + PyTypes.name(value) + "' object has no attribute '" + method + "'");
        }
        if (!(affix instanceof String a)) {
            throw new PyError(method + " first arg must be str or a tuple of str, not " + PyTypes.name(affix));
        }
        return prefix ? s.startsWith(a) : s.endsWith(a);
    }

    /** Python {@code float(x)} for the period of the time-difference operators. */
    static double toFloat(Object x) {
        return switch (x) {
            case Boolean b -> b ? 1 : 0;
            case Number n -> n.doubleValue();
            case String s -> parseFloat(s);
            case null, default -> throw new PyError("float() argument must be a string or a real number, not '"
                    + PyTypes.name(x) + "'");
        };
    }

    private static double parseFloat(String s) {
        String t = s.strip().replace("_", "");
        String lower = t.toLowerCase(Locale.ROOT);
        switch (lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower) {
            case "inf", "infinity" -> {
                return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {
            }
        }
        if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new PyError("could not convert string to float: " + dev.reflex.template.PyRepr.repr(s));
        }
        return Double.parseDouble(t);
    }

    static boolean isNumber(Object o) {
        return o instanceof Long || o instanceof Double || o instanceof Boolean || o instanceof BigInteger
                || o instanceof Integer || o instanceof Float || o instanceof BigDecimal;
    }

    private static boolean isNaN(Object o) {
        return (o instanceof Double d && d.isNaN()) || (o instanceof Float f && f.isNaN());
    }

    /** Exact numeric comparison of two numbers (bool as 0/1); NaN must be handled by the caller. */
    private static int compareNumbers(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Double x && b instanceof Double y) {
            return Double.compare(x == 0 ? 0.0 : x, y == 0 ? 0.0 : y);
        }
        double da = asDouble(a);
        double db = asDouble(b);
        if (Double.isInfinite(da) || Double.isInfinite(db)) {
            return Double.compare(da, db);
        }
        return exact(a).compareTo(exact(b));
    }

    private static double asDouble(Object o) {
        return o instanceof Boolean b ? (b ? 1 : 0) : ((Number) o).doubleValue();
    }

    private static BigDecimal exact(Object o) {
        return switch (o) {
            case Boolean b -> b ? BigDecimal.ONE : BigDecimal.ZERO;
            case BigInteger bi -> new BigDecimal(bi);
            case BigDecimal d -> d;
            case Double d -> new BigDecimal(d);
            case Float f -> new BigDecimal(f.doubleValue());
            default -> BigDecimal.valueOf(((Number) o).longValue());
        };
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
