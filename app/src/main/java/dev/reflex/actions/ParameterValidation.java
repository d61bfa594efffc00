package dev.reflex.actions;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks cast parameter values against their declarations as StackStorm's JSON-schema validation
 * does: type, {@code enum}, {@code minimum}/{@code maximum} (and the exclusive forms),
 * {@code minLength}/{@code maxLength}, {@code pattern} (searched, not anchored), {@code minItems}/
 * {@code maxItems}, {@code uniqueItems} and the type of array {@code items}. A null is accepted for a
 * parameter that is not required. Each message names the parameter; the value is shown only when the
 * parameter is not secret.
 */
public final class ParameterValidation {

    private ParameterValidation() {
    }

    /** Every problem of one value, each naming the parameter; empty when it is valid. */
    public static List<String> problems(ParameterSchema p, Object value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            if (p.spec().required() && p.type() != ParameterType.NULL) {
                out.add("Parameter \"" + p.name() + "\" is required and may not be None");
            }
            return out;
        }
        String shown = p.secret() ? "the value" : repr(value);
        String prefix = "Parameter \"" + p.name() + "\": ";
        if (!matchesType(p.type(), value)) {
            out.add(prefix + shown + " is not of type '" + p.type().schemaName() + "'");
            return out;
        }
        Map<String, Object> d = p.declaration();
        if (d.get("enum") instanceof List<?> allowed && allowed.stream().noneMatch(a -> sameValue(a, value))) {
            out.add(prefix + shown + " is not one of " + repr(allowed));
        }
        if (value instanceof Number n && !(value instanceof Boolean)) {
            double x = n.doubleValue();
            if (d.get("minimum") instanceof Number min && x < min.doubleValue()) {
                out.add(prefix + shown + " is less than the minimum of " + repr(min));
            }
            if (d.get("maximum") instanceof Number max && x > max.doubleValue()) {
                out.add(prefix + shown + " is greater than the maximum of " + repr(max));
            }
            if (d.get("exclusiveMinimum") instanceof Number min && x <= min.doubleValue()) {
                out.add(prefix + shown + " is less than or equal to the minimum of " + repr(min));
            }
            if (d.get("exclusiveMaximum") instanceof Number max && x >= max.doubleValue()) {
                out.add(prefix + shown + " is greater than or equal to the maximum of " + repr(max));
            }
        }
        if (value instanceof String s) {
            int length = s.codePointCount(0, s.length());
            if (d.get("minLength") instanceof Number min && length < min.intValue()) {
                out.add(prefix + shown + " is too short");
            }
            if (d.get("maxLength") instanceof Number max && length > max.intValue()) {
                out.add(prefix + shown + " is too long");
            }
            if (d.get("pattern") instanceof String regex && !Pattern.compile(regex).matcher(s).find()) {
                out.add(prefix + shown + " does not match " + repr(regex));
            }
        }
        if (value instanceof List<?> list) {
            if (d.get("minItems") instanceof Number min && list.size() < min.intValue()) {
                out.add(prefix + shown + " is too short");
            }
            if (d.get("maxItems") instanceof Number max && list.size() > max.intValue()) {
                out.add(prefix + shown + " is too long");
            }
            if (Boolean.TRUE.equals(d.get("uniqueItems")) && new HashSet<>(list).size() != list.size()) {
                out.add(prefix + shown + " has non-unique elements");
            }
            if (d.get("items") instanceof Map<?, ?> items && items.get("type") instanceof String t) {
                ParameterType itemType = ParameterType.fromSchemaName(t).orElse(ParameterType.UNSPECIFIED);
                for (int i = 0; i < list.size(); i++) {
                    if (!matchesType(itemType, list.get(i))) {
                        out.add(prefix + "item " + i + (p.secret() ? "" : " " + repr(list.get(i)))
                                + " is not of type '" + t + "'");
                    }
                }
            }
        }
        return out;
    }

    /** Whether a plain value is of a JSON-schema type (booleans are not integers or numbers). */
    public static boolean matchesType(ParameterType type, Object value) {
        return switch (type) {
            case UNSPECIFIED -> true;
            case NULL -> value == null;
            case STRING -> value instanceof String;
            case BOOLEAN -> value instanceof Boolean;
            case INTEGER -> value instanceof Long || value instanceof Integer || value instanceof BigInteger
                    || value instanceof Short || (value instanceof Double d && d == Math.rint(d) && !d.isInfinite());
            case NUMBER -> value instanceof Number;
            case OBJECT -> value instanceof Map<?, ?>;
            case ARRAY -> value instanceof List<?>;
        };
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && !(a instanceof Boolean) && !(b instanceof Boolean)) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }

    private static String repr(Object value) {
        String s = dev.reflex.template.PyRepr.repr(value);
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
