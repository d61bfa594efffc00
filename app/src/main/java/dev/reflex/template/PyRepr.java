package dev.reflex.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/**
 * Python's {@code str()} and {@code repr()} of plain data, which is how StackStorm prints a value
 * into a rendered template: {@code {'k': 'v'}}, {@code [1, True, None]}, {@code 1e+16}.
 */
public final class PyRepr {

    private PyRepr() {
    }

    /** Python {@code str(value)}: a string as itself, anything else as its {@link #repr(Object)}. */
    public static String str(Object value) {
        value = TemplateValues.unwrapJinjava(value);
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        if (value instanceof KeyValueLookup.Missing) {
            return "";
        }
        return repr(value);
    }

    /** Python {@code repr(value)} for plain data; other objects fall back to {@code toString()}. */
    public static String repr(Object value) {
        StringBuilder b = new StringBuilder();
        appendRepr(b, value);
        return b.toString();
    }

    private static void appendRepr(StringBuilder b, Object value) {
        switch (TemplateValues.unwrapJinjava(value)) {
            case null -> b.append("None");
            case PyNone n -> b.append("None");
            case KeyValueLookup.Missing m -> appendString(b, "");
            case CharSequence s -> appendString(b, s.toString());
            case Boolean bool -> b.append(bool ? "True" : "False");
            case Double d -> b.append(floatRepr(d));
            case Float f -> b.append(floatRepr(f.doubleValue()));
            case BigDecimal d -> b.append(floatRepr(d.doubleValue()));
            case Number n -> b.append(n instanceof BigInteger bi ? bi.toString() : Long.toString(n.longValue()));
            case Map<?, ?> map -> {
                b.append('{');
                Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<?, ?> e = it.next();
                    appendRepr(b, e.getKey());
                    b.append(": ");
                    appendRepr(b, e.getValue());
                    if (it.hasNext()) {
                        b.append(", ");
                    }
                }
                b.append('}');
            }
            case Iterable<?> list -> {
                b.append('[');
                Iterator<?> it = list.iterator();
                while (it.hasNext()) {
                    appendRepr(b, it.next());
                    if (it.hasNext()) {
                        b.append(", ");
                    }
                }
                b.append(']');
            }
            default -> b.append(value);
        }
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int exponent = digits.length() - exact.scale() - 1;
        StringBuilder b = new StringBuilder();
        if (d < 0) {
            b.append('-');
        }
        if (exponent >= -4 && exponent < 16) {
            if (exponent < 0) {
                b.append("0.").append("0".repeat(-exponent - 1)).append(digits);
            } else if (digits.length() <= exponent + 1) {
                b.append(digits).append("0".repeat(exponent + 1 - digits.length())).append(".0");
            } else {
                b.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
            }
        } else {
            b.append(digits.charAt(0));
            if (digits.length() > 1) {
                b.append('.').append(digits, 1, digits.length());
            }
            b.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                b.append('0');
            }
            b.append(abs);
        }
        return b.toString();
    }

    /** Python's {@code repr(str)}: single quotes unless only double quotes avoid escaping. */
    private static void appendString(StringBuilder b, String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        b.append(quote);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                b.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                b.append("\\t");
            } else if (cp == '\n') {
                b.append("\\n");
            } else if (cp == '\r') {
                b.append("\\r");
            } else if (cp < 0x20 || cp == 0x7f) {
                b.append(String.format("\\x%02x", cp));
            } else if (cp < 0x7f || isPrintable(cp)) {
                b.appendCodePoint(cp);
            } else if (cp <= 0xff) {
                b.append(String.format("\\x%02x", cp));
            } else if (cp <= 0xffff) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.append(String.format("\\U%08x", cp));
            }
        }
        b.append(quote);
    }

    private static boolean isPrintable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> cp == ' ';
            default -> true;
        };
    }
}
