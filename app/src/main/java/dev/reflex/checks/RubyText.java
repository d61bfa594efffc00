package dev.reflex.checks;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How Sensu (a Ruby program) turns values into text, reproduced for the places where that text is
 * observable: token substitution ({@code to_s}), attribute matching on equal {@code to_s}, and the
 * {@code ruby_hash} mutator ({@code inspect}).
 *
 * <p>Hash keys are shown as symbols, as Sensu parses JSON with symbolized keys
 * ({@code {:name=>"disk", :status=>2}}).
 */
public final class RubyText {

    private static final Pattern SIMPLE_SYMBOL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*[?!]?");

    private RubyText() {
    }

    /** Ruby's {@code to_s}: nil is empty, strings are themselves, collections are inspected. */
    public static String toS(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        return inspect(value);
    }

    /** Ruby's {@code inspect} for JSON-like values. */
    public static String inspect(Object value) {
        StringBuilder b = new StringBuilder();
        inspect(value, b);
        return b.toString();
    }

    private static void inspect(Object value, StringBuilder b) {
        switch (value) {
            case null -> b.append("nil");
            case String s -> quote(s, b);
            case Boolean bool -> b.append(bool);
            case Double d -> b.append(floatToS(d));
            case Float f -> b.append(floatToS(f.doubleValue()));
            case Number n -> b.append(n);
            case Map<?, ?> map -> {
                b.append('{');
                Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<?, ?> e = it.next();
                    String key = String.valueOf(e.getKey());
                    b.append(':');
                    if (SIMPLE_SYMBOL.matcher(key).matches()) {
                        b.append(key);
                    } else {
                        quote(key, b);
                    }
                    b.append("=>");
                    inspect(e.getValue(), b);
                    if (it.hasNext()) {
                        b.append(", ");
                    }
                }
                b.append('}');
            }
            case List<?> list -> {
                b.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        b.append(", ");
                    }
                    inspect(list.get(i), b);
                }
                b.append(']');
            }
            default -> quote(value.toString(), b);
        }
    }

    private static void quote(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case '\u001b' -> b.append("\\e");
                case '#' -> {
                    char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
                    b.append(next == '{' || next == '$' || next == '@' ? "\\#" : "#");
                }
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /**
     * Ruby's {@code Float#to_s}: the shortest digits that round-trip, in fixed notation when the
     * decimal exponent is between -4 and 16, otherwise as {@code 1.0e+16}.
     */
    public static String floatToS(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int decpt = digits.length() - exact.scale();
        StringBuilder b = new StringBuilder(d < 0 ? "-" : "");
        if (decpt > 0 && decpt <= 16) {
            if (digits.length() <= decpt) {
                b.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
            } else {
                b.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
            }
        } else if (decpt <= 0 && decpt > -4) {
            b.append("0.").append("0".repeat(-decpt)).append(digits);
        } else {
            b.append(digits.charAt(0)).append('.');
            b.append(digits.length() > 1 ? digits.substring(1) : "0");
            int exp = decpt - 1;
            b.append('e').append(exp < 0 ? '-' : '+');
            b.append(String.format("%02d", Math.abs(exp)));
        }
        return b.toString();
    }
}
