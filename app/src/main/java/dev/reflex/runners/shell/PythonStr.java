package dev.reflex.runners.shell;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Formats values the way Python's {@code str()} does, because StackStorm builds script arguments
 * with it: {@code True}/{@code False}, {@code None}, {@code 1.0}, {@code 1e+16},
 * {@code ['a', 'b']}, {@code {'k': 1}}. Packs whose scripts parse such arguments keep working.
 */
public final class PythonStr {

    private PythonStr() {
    }

    /** Python's {@code str(value)} for JSON-like values: strings as they are, containers as their repr. */
    public static String str(Object value) {
        return value instanceof String s ? s : repr(value);
    }

    /** Python's {@code repr(value)} for JSON-like values. */
    public static String repr(Object value) {
        return switch (value) {
            case null -> "None";
            case Boolean b -> b ? "True" : "False";
            case String s -> stringRepr(s);
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case Short s -> s.toString();
            case Byte b -> b.toString();
            case BigInteger b -> b.toString();
            case BigDecimal d -> floatRepr(d.doubleValue());
            case Double d -> floatRepr(d);
            case Float f -> floatRepr(Double.parseDouble(f.toString()));
            case List<?> list -> sequence(list);
            case Map<?, ?> map -> mapping(map);
            default -> stringRepr(value.toString());
        };
    }

    /** Python's float repr: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = String.format("%02d", Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
        }
        String plain = exact.toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    private static String sequence(List<?> list) {
        StringBuilder out = new StringBuilder("[");
        for (Iterator<?> it = list.iterator(); it.hasNext(); ) {
            out.append(repr(it.next()));
            if (it.hasNext()) {
                out.append(", ");
            }
        }
        return out.append(']').toString();
    }

    private static String mapping(Map<?, ?> map) {
        StringBuilder out = new StringBuilder("{");
        for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<?, ?> e = it.next();
            out.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
            if (it.hasNext()) {
                out.append(", ");
            }
        }
        return out.append('}').toString();
    }

    private static String stringRepr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp == quote) {
                        out.append('\\').append(quote);
                    } else if (cp < 0x20 || cp == 0x7f) {
                        out.append(String.format("\\x%02x", cp));
                    } else if (cp >= 0x80 && cp <= 0xa0) {
                        out.append(String.format("\\x%02x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append(quote).toString();
    }
}
