package dev.reflex.actions;

import dev.reflex.template.PyJson;
import dev.reflex.template.StackStormFilters;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Casts a parameter value to its declared type exactly as StackStorm does before validating it:
 * {@code integer} by Python's {@code int()} (a float is truncated, a string must be a whole number),
 * {@code number} by {@code float()}, {@code boolean} from a string by {@code literal_eval} of the
 * capitalised text ({@code "true"}, {@code "FALSE"}; {@code "1"} becomes the number 1, which the
 * validation then refuses), {@code object} and {@code array} from a string as JSON or a Python
 * literal, and {@code string} only from a string. Null and StackStorm's "none" marker stay null.
 */
public final class ParameterCasts {

    private ParameterCasts() {
    }

    /**
     * The value cast to the parameter's type.
     *
     * @throws IllegalArgumentException naming the parameter (and its value, unless it is secret) when the cast fails
     */
    public static Object cast(ParameterSchema parameter, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s && s.equals(StackStormFilters.NONE_MAGIC_VALUE)) {
            return null;
        }
        try {
            return switch (parameter.type()) {
                case INTEGER -> integer(value);
                case NUMBER -> number(value);
                case BOOLEAN -> bool(value);
                case OBJECT, ARRAY -> structure(value);
                case STRING -> string(value);
                case NULL, UNSPECIFIED -> value;
            };
        } catch (IllegalArgumentException e) {
            String shown = parameter.secret() ? "" : " \"" + shortened(value) + "\"";
            String why = parameter.secret() ? "the value is not a valid " + parameter.type().schemaName() : e.getMessage();
            throw new IllegalArgumentException("Failed to cast value" + shown + " of parameter \"" + parameter.name()
                    + "\" to " + parameter.type().schemaName() + ": " + why);
        }
    }

    private static Object integer(Object value) {
        return switch (value) {
            case Boolean b -> b ? 1L : 0L;
            case Integer i -> i.longValue();
            case Long l -> l;
            case BigInteger b -> b;
            case Double d -> {
                if (d.isNaN() || d.isInfinite()) {
                    throw new IllegalArgumentException("cannot convert float " + d + " to integer");
                }
                yield new BigDecimal(d).toBigInteger().longValue();
            }
            case Number n -> n.longValue();
            case String s -> {
                String t = s.strip().replace("_", "");
                try {
                    yield Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid literal for int() with base 10: '" + s + "'");
                }
            }
            default -> throw new IllegalArgumentException("int() argument must be a string or a number, not '"
                    + pyType(value) + "'");
        };
    }

    private static Object number(Object value) {
        return switch (value) {
            case Boolean b -> b ? 1.0 : 0.0;
            case Number n -> n.doubleValue();
            case String s -> {
                String t = s.strip().toLowerCase(Locale.ROOT);
                switch (t) {
                    case "nan", "+nan", "-nan" -> {
                        yield Double.NaN;
                    }
                    case "inf", "+inf", "infinity", "+infinity" -> {
                        yield Double.POSITIVE_INFINITY;
                    }
                    case "-inf", "-infinity" -> {
                        yield Double.NEGATIVE_INFINITY;
                    }
                    default -> {
                        try {
                            if (!t.matches("[+-]?(\\d[\\d_]*\\.?[\\d_]*|\\.\\d[\\d_]*)(e[+-]?\\d+)?")) {
                                throw new NumberFormatException();
                            }
                            yield Double.parseDouble(t.replace("_", ""));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("could not convert string to float: '" + s + "'");
                        }
                    }
                }
            }
            default -> throw new IllegalArgumentException("float() argument must be a string or a number, not '"
                    + pyType(value) + "'");
        };
    }

    private static Object bool(Object value) {
        if (!(value instanceof String s)) {
            return value;
        }
        String t = s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
        return switch (t) {
            case "True" -> true;
            case "False" -> false;
            case "None" -> null;
            default -> {
                Object literal = PyLiteral.parse(t);
                if (literal == PyLiteral.INVALID) {
                    throw new IllegalArgumentException("malformed node or string: '" + s + "'");
                }
                yield literal;
            }
        };
    }

    private static Object structure(Object value) {
        if (!(value instanceof String s)) {
            return value;
        }
        Object json = PyJson.loadsOr(s, PyLiteral.INVALID);
        if (json != PyLiteral.INVALID) {
            return json;
        }
        Object literal = PyLiteral.parse(s);
        if (literal == PyLiteral.INVALID) {
            throw new IllegalArgumentException("neither JSON nor a Python literal: '" + shortened(s) + "'");
        }
        return literal;
    }

    private static Object string(Object value) {
        if (value instanceof String) {
            return value;
        }
        throw new IllegalArgumentException("Value \"" + shortened(value) + "\" must either be a string or None. Got \""
                + pyType(value) + "\".");
    }

    /** Python's name for the type of a plain value. */
    static String pyType(Object value) {
        return switch (value) {
            case null -> "NoneType";
            case Boolean b -> "bool";
            case Integer i -> "int";
            case Long l -> "int";
            case BigInteger b -> "int";
            case Number n -> "float";
            case String s -> "str";
            case Map<?, ?> m -> "dict";
            case List<?> l -> "list";
            default -> value.getClass().getSimpleName();
        };
    }

    private static String shortened(Object value) {
        String s = String.valueOf(value);
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
