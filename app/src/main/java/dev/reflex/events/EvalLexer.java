package dev.reflex.events;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an {@code eval:} expression into tokens. Slashes and colons are read as regex and symbol
 * literals where an operand is expected, and as operators elsewhere, as Ruby reads them.
 */
final class EvalLexer {

    /** Token kinds. */
    enum Kind { NUMBER, STRING, REGEX, SYMBOL, IDENT, OP, END }

    /**
     * One token.
     *
     * @param kind  its kind
     * @param text  the operator, identifier or raw text
     * @param value the literal value for numbers, strings, regexes and symbols
     * @param pos   its offset in the expression
     */
    record Token(Kind kind, String text, Object value, int pos) {
    }

    private static final String[] OPERATORS = {
        "**", "==", "!=", "=~", "!~", "<=", ">=", "&&", "||",
        "<", ">", "+", "-", "*", "/", "%", "!", "(", ")", "[", "]", ",", ".", "?", ":"
    };

    private final String src;
    private int i;
    private final List<Token> tokens = new ArrayList<>();

    private EvalLexer(String src) {
        this.src = src;
    }

    static List<Token> tokenize(String src) {
        EvalLexer lexer = new EvalLexer(src);
        lexer.run();
        return lexer.tokens;
    }

    private boolean operandExpected() {
        if (tokens.isEmpty()) {
            return true;
        }
        Token last = tokens.get(tokens.size() - 1);
        return switch (last.kind()) {
            case NUMBER, STRING, REGEX, SYMBOL -> false;
            case IDENT -> isKeywordOperator(last.text());
            case OP -> !last.text().equals(")") && !last.text().equals("]");
            case END -> true;
        };
    }

    private static boolean isKeywordOperator(String ident) {
        return ident.equals("and") || ident.equals("or") || ident.equals("not");
    }

    private void run() {
        while (true) {
            while (i < src.length() && Character.isWhitespace(src.charAt(i))) {
                i++;
            }
            if (i >= src.length()) {
                tokens.add(new Token(Kind.END, "", null, i));
                return;
            }
            char c = src.charAt(i);
            int start = i;
            if (Character.isDigit(c)) {
                number();
            } else if (c == '"' || c == '\'') {
                string(c);
            } else if (c == '/' && operandExpected()) {
                regex();
            } else if (c == ':' && operandExpected() && i + 1 < src.length() && isIdentStart(src.charAt(i + 1))) {
                i++;
                String name = ident();
                tokens.add(new Token(Kind.SYMBOL, ":" + name, name, start));
            } else if (isIdentStart(c)) {
                String name = ident();
                tokens.add(new Token(Kind.IDENT, name, null, start));
            } else {
                operator();
            }
        }
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private String ident() {
        int start = i;
        while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
            i++;
        }
        if (i < src.length() && (src.charAt(i) == '?' || src.charAt(i) == '!')
                && !(i + 1 < src.length() && src.charAt(i + 1) == '=')
                && start > 0 && src.charAt(start - 1) == '.') {
            i++;
        }
        return src.substring(start, i);
    }

    private void number() {
        int start = i;
        while (i < src.length() && (Character.isDigit(src.charAt(i)) || src.charAt(i) == '_')) {
            i++;
        }
        boolean isFloat = false;
        if (i + 1 < src.length() && src.charAt(i) == '.' && Character.isDigit(src.charAt(i + 1))) {
            isFloat = true;
            i++;
            while (i < src.length() && Character.isDigit(src.charAt(i))) {
                i++;
            }
        }
        if (i < src.length() && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
            int save = i;
            i++;
            if (i < src.length() && (src.charAt(i) == '+' || src.charAt(i) == '-')) {
                i++;
            }
            if (i < src.length() && Character.isDigit(src.charAt(i))) {
                isFloat = true;
                while (i < src.length() && Character.isDigit(src.charAt(i))) {
                    i++;
                }
            } else {
                i = save;
            }
        }
        String text = src.substring(start, i).replace("_", "");
        Object value;
        try {
            value = isFloat ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new EvalException("number out of range at " + start);
        }
        tokens.add(new Token(Kind.NUMBER, text, value, start));
    }

    private void string(char quote) {
        int start = i;
        i++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= src.length()) {
                throw new EvalException("unterminated string at " + start);
            }
            char c = src.charAt(i++);
            if (c == quote) {
                break;
            }
            if (quote == '"' && c == '#' && i < src.length() && src.charAt(i) == '{') {
                throw new EvalException("string interpolation is not supported (at " + (i - 1) + ")");
            }
            if (c == '\\' && i < src.length()) {
                char e = src.charAt(i++);
                if (quote == '\'') {
                    b.append(e == '\'' || e == '\\' ? String.valueOf(e) : "\\" + e);
                } else {
                    b.append(switch (e) {
                        case 'n' -> "\n";
                        case 't' -> "\t";
                        case 'r' -> "\r";
                        case '0' -> "\0";
                        case 'e' -> "\u001b";
                        case 's' -> " ";
                        default -> String.valueOf(e);
                    });
                }
            } else {
                b.append(c);
            }
        }
        tokens.add(new Token(Kind.STRING, src.substring(start, i), b.toString(), start));
    }

    private void regex() {
        int start = i;
        i++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= src.length()) {
                throw new EvalException("unterminated regular expression at " + start);
            }
            char c = src.charAt(i++);
            if (c == '/') {
                break;
            }
            if (c == '\\' && i < src.length()) {
                char e = src.charAt(i++);
                if (e != '/') {
                    b.append('\\');
                }
                b.append(e);
            } else {
                b.append(c);
            }
        }
        StringBuilder flags = new StringBuilder();
        while (i < src.length() && "imx".indexOf(src.charAt(i)) >= 0) {
            flags.append(src.charAt(i++));
        }
        tokens.add(new Token(Kind.REGEX, src.substring(start, i), EvalRuntime.compileRegex(b.toString(), flags.toString()), start));
    }

    private void operator() {
        for (String op : OPERATORS) {
            if (src.startsWith(op, i)) {
                tokens.add(new Token(Kind.OP, op, null, i));
                i += op.length();
                return;
            }
        }
        throw new EvalException("unexpected character '" + src.charAt(i) + "' at " + i);
    }
}
