package dev.reflex.actions;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of Python literals, as {@code ast.literal_eval} reads them for StackStorm's casts of
 * objects and arrays written the way Python prints them: {@code {'a': 1, 'b': [True, None]}}.
 * Tuples read as lists. Anything else is {@link #INVALID}.
 */
final class PyLiteral {

    /** The marker for text that is not a literal. */
    static final Object INVALID = new Object();

    private final String s;
    private int i;

    private PyLiteral(String s) {
        this.s = s;
    }

    /** The plain value of the literal, or {@link #INVALID}. */
    static Object parse(String text) {
        PyLiteral p = new PyLiteral(text);
        try {
            Object v = p.value();
            p.skip();
            return p.i == text.length() ? v : INVALID;
        } catch (IllegalStateException | IndexOutOfBoundsException | NumberFormatException e) {
            return INVALID;
        }
    }

    private void skip() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private Object value() {
        skip();
        char c = s.charAt(i);
        if (c == '{') {
            return dict();
        }
        if (c == '[' || c == '(') {
            return list(c == '[' ? ']' : ')');
        }
        if (c == '\'' || c == '"') {
            return string(c);
        }
        for (String word : List.of("True", "False", "None")) {
            if (s.startsWith(word, i)) {
                i += word.length();
                return word.equals("None") ? null : word.equals("True");
            }
        }
        int start = i;
        while (i < s.length() && "+-0123456789.eE_xXabcdefABCDEF".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        String num = s.substring(start, i).replace("_", "");
        if (num.isEmpty()) {
            throw new IllegalStateException("unexpected " + c);
        }
        if (num.matches("[+-]?\\d+")) {
            BigInteger b = new BigInteger(num);
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        return Double.parseDouble(num);
    }

    private Map<String, Object> dict() {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        skip();
        while (s.charAt(i) != '}') {
            Object key = value();
            skip();
            expect(':');
            m.put(String.valueOf(key), value());
            skip();
            if (s.charAt(i) == ',') {
                i++;
                skip();
            } else if (s.charAt(i) != '}') {
                throw new IllegalStateException("expected , or }");
            }
        }
        i++;
        return m;
    }

    private List<Object> list(char close) {
        List<Object> l = new ArrayList<>();
        i++;
        skip();
        while (s.charAt(i) != close) {
            l.add(value());
            skip();
            if (s.charAt(i) == ',') {
                i++;
                skip();
            } else if (s.charAt(i) != close) {
                throw new IllegalStateException("expected , or " + close);
            }
        }
        i++;
        return l;
    }

    private String string(char quote) {
        StringBuilder b = new StringBuilder();
        i++;
        while (s.charAt(i) != quote) {
            char c = s.charAt(i++);
            if (c == '\\') {
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case '0' -> b.append('\0');
                    case 'x' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 2), 16));
                        i += 2;
                    }
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
        i++;
        return b.toString();
    }

    private void expect(char c) {
        if (s.charAt(i) != c) {
            throw new IllegalStateException("expected " + c);
        }
        i++;
    }
}
