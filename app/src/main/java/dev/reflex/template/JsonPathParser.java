package dev.reflex.template;

import dev.reflex.template.JsonPath.Child;
import dev.reflex.template.JsonPath.Descendants;
import dev.reflex.template.JsonPath.Fields;
import dev.reflex.template.JsonPath.Index;
import dev.reflex.template.JsonPath.Node;
import dev.reflex.template.JsonPath.Root;
import dev.reflex.template.JsonPath.Slice;
import java.util.ArrayList;
import java.util.List;

/** Recursive-descent parser for the {@code jsonpath_rw} subset described in {@link JsonPath}. */
final class JsonPathParser {

    private final String s;
    private int pos;

    JsonPathParser(String s) {
        this.s = s;
    }

    Node parse() {
        Node n = descendants();
        skipSpace();
        if (pos < s.length()) {
            throw error("unexpected '" + s.charAt(pos) + "'");
        }
        return n;
    }

    private Node descendants() {
        Node left = child();
        skipSpace();
        while (s.startsWith("..", pos)) {
            pos += 2;
            left = new Descendants(left, child());
            skipSpace();
        }
        return left;
    }

    private Node child() {
        Node left = atom();
        while (true) {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == '.' && !s.startsWith("..", pos)) {
                pos++;
                left = new Child(left, atom());
            } else if (pos < s.length() && s.charAt(pos) == '[') {
                left = new Child(left, bracket());
            } else {
                return left;
            }
        }
    }

    private Node atom() {
        skipSpace();
        if (pos >= s.length()) {
            throw error("unexpected end of path");
        }
        char c = s.charAt(pos);
        if (c == '$') {
            pos++;
            return new Root();
        }
        if (c == '*') {
            pos++;
            return new Fields(List.of("*"));
        }
        if (c == '[') {
            return bracket();
        }
        if (c == '(') {
            pos++;
            Node inner = descendants();
            expect(')');
            return inner;
        }
        return new Fields(fields());
    }

    private Node bracket() {
        expect('[');
        skipSpace();
        Node n;
        if (pos < s.length() && s.charAt(pos) == '*') {
            pos++;
            n = new Slice(null, null);
        } else if (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == ':')) {
            Integer start = number();
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == ':') {
                pos++;
                skipSpace();
                n = new Slice(start, number());
            } else if (start == null) {
                throw error("expected a number");
            } else {
                n = new Index(start);
            }
        } else {
            n = new Fields(fields());
        }
        expect(']');
        return n;
    }

    private Integer number() {
        int start = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
        }
        return start == pos ? null : Integer.valueOf(s.substring(start, pos));
    }

    private List<String> fields() {
        List<String> names = new ArrayList<>(1);
        names.add(name());
        skipSpace();
        while (pos < s.length() && s.charAt(pos) == ',') {
            pos++;
            names.add(name());
            skipSpace();
        }
        return List.copyOf(names);
    }

    private String name() {
        skipSpace();
        if (pos >= s.length()) {
            throw error("expected a name");
        }
        char c = s.charAt(pos);
        if (c == '\'' || c == '"') {
            return quoted(c);
        }
        if (!isIdStart(c)) {
            throw error("unexpected '" + c + "'");
        }
        int start = pos;
        while (pos < s.length() && isIdPart(s.charAt(pos))) {
            pos++;
        }
        // Interned: paths are compared with the constant prefixes trigger and item on every evaluation.
        return s.substring(start, pos).intern();
    }

    private String quoted(char quote) {
        int start = ++pos;
        StringBuilder b = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\\' && pos + 1 < s.length() && s.charAt(pos + 1) == quote) {
                b.append('\\').append(quote);
                pos += 2;
            } else if (c == quote) {
                pos++;
                return b.toString();
            } else {
                b.append(c);
                pos++;
            }
        }
        pos = start - 1;
        throw error("unterminated quoted name");
    }

    private static boolean isIdStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '@';
    }

    private static boolean isIdPart(char c) {
        return isIdStart(c) || (c >= '0' && c <= '9');
    }

    private void expect(char c) {
        skipSpace();
        if (pos >= s.length() || s.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == '\n')) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("invalid path '" + s + "' at column " + (pos + 1) + ": " + what);
    }
}
