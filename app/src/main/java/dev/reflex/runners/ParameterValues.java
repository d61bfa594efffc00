package dev.reflex.runners;

import dev.reflex.actions.ParameterSpec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a request's runner parameters with the runner's declared defaults and lenient casts (a
 * {@code "60"} where an integer is due, a JSON string where an object is due), as the engine's
 * casting would. A value that cannot be cast is an {@link IllegalArgumentException} naming the
 * parameter but not its value, because the value may be a secret.
 */
public final class ParameterValues {

    private final RunnerType type;
    private final Map<String, Object> values;

    /** Reads the runner parameters of {@code request} against the declarations of {@code type}. */
    public ParameterValues(RunnerType type, RunRequest request) {
        this.type = type;
        this.values = request.runnerParameters();
    }

    /** The given value, else the declared default, else empty; an explicit null counts as absent. */
    public Optional<Object> raw(String name) {
        Object value = values.get(name);
        if (value != null) {
            return Optional.of(value);
        }
        return type.parameter(name).flatMap(ParameterSpec::defaultValue);
    }

    /** A string parameter, if set. Numbers and booleans are accepted and turned into text. */
    public Optional<String> string(String name) {
        return raw(name).map(v -> v instanceof String s ? s : String.valueOf(v));
    }

    /** A string parameter that must be set and non-empty. */
    public String requiredString(String name) {
        return string(name).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException("runner parameter \"" + name + "\" is required"));
    }

    /** A boolean parameter, false when unset. Accepts booleans and the strings true/false/1/0. */
    public boolean bool(String name) {
        return raw(name).map(v -> toBoolean(name, v)).orElse(false);
    }

    /** An integer parameter, if set. Accepts integral numbers and numeric strings. */
    public Optional<Long> integer(String name) {
        return raw(name).map(v -> toNumber(name, v)).map(n -> {
            try {
                return n.longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("runner parameter \"" + name + "\" must be an integer");
            }
        });
    }

    /** A number parameter, if set. */
    public Optional<Double> number(String name) {
        return raw(name).map(v -> toNumber(name, v).doubleValue());
    }

    /** An object parameter, empty map when unset. Accepts maps and JSON object strings. */
    public Map<String, Object> object(String name) {
        return raw(name).map(v -> toObject(name, v)).orElse(Map.of());
    }

    /** An array parameter, empty when unset. Accepts lists, JSON array strings and comma-separated strings. */
    public List<Object> array(String name) {
        return raw(name).map(v -> toArray(name, v)).orElse(List.of());
    }

    static boolean toBoolean(String name, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes" -> {
                    return true;
                }
                case "false", "0", "no", "" -> {
                    return false;
                }
                default -> { }
            }
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        throw new IllegalArgumentException("runner parameter \"" + name + "\" must be a boolean");
    }

    static BigDecimal toNumber(String name, Object value) {
        try {
            if (value instanceof Number n) {
                return new BigDecimal(n.toString());
            }
            if (value instanceof String s) {
                return new BigDecimal(s.trim());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("runner parameter \"" + name + "\" must be a number");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> toObject(String name, Object value) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        if (value instanceof String s) {
            if (s.isBlank()) {
                return Map.of();
            }
            Optional<Object> parsed = Json.parse(s);
            if (parsed.isPresent() && parsed.get() instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        }
        throw new IllegalArgumentException("runner parameter \"" + name + "\" must be an object");
    }

    static List<Object> toArray(String name, Object value) {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        if (value instanceof String s) {
            Optional<Object> parsed = Json.parse(s);
            if (parsed.isPresent() && parsed.get() instanceof List<?> list) {
                return new ArrayList<>(list);
            }
            List<Object> items = new ArrayList<>();
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    items.add(part.trim());
                }
            }
            return items;
        }
        throw new IllegalArgumentException("runner parameter \"" + name + "\" must be an array");
    }

    /** Turns the values of a string-keyed object parameter into strings, keeping the order. */
    public static Map<String, String> stringValues(Map<String, Object> object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.forEach((k, v) -> out.put(k, v == null ? "" : v instanceof String s ? s : String.valueOf(v)));
        return out;
    }
}
