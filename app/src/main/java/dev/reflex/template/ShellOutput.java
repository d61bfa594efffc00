package dev.reflex.template;

/**
 * Escapes the output of {@code {{ … }}} expressions in templates that become shell commands, so that
 * rendered values stay data: each value is escaped for where it lands in the command text. Outside
 * quotes it is quoted as Python's {@code shlex.quote} quotes (plain words stay as they are); inside
 * double quotes the characters the shell still interprets there ({@code \ " $ `}) get a backslash;
 * inside single quotes each {@code '} becomes {@code '\''}. A value marked safe ({@code | safe})
 * is left exactly as rendered.
 */
final class ShellOutput {

    /** Where an expression sits in the command text around it. */
    enum Quoting { NONE, SINGLE, DOUBLE }

    private ShellOutput() {
    }

    /** The value escaped for its place in the command. */
    static String escape(String value, Quoting where) {
        return switch (where) {
            case NONE -> quote(value);
            case SINGLE -> value.replace("'", "'\\''");
            case DOUBLE -> {
                StringBuilder b = new StringBuilder(value.length() + 8);
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c == '\\' || c == '"' || c == '$' || c == '`') {
                        b.append('\\');
                    }
                    b.append(c);
                }
                yield b.toString();
            }
        };
    }

    /** POSIX single-quoting, as {@code shlex.quote}: empty → {@code ''}, plain words unchanged. */
    static String quote(String value) {
        if (value.isEmpty()) {
            return "''";
        }
        boolean plain = true;
        for (int i = 0; i < value.length() && plain; i++) {
            char c = value.charAt(i);
            plain = c < 128 && (Character.isLetterOrDigit(c) || "@%+=:,./-_".indexOf(c) >= 0);
        }
        return plain ? value : "'" + value.replace("'", "'\"'\"'") + "'";
    }

    /**
     * The quoting in force at a place of the template source: the literal text before it (outside
     * {@code {{ }}}, {@code {% %}} and {@code {# #}}) is scanned as a POSIX shell scans quotes.
     *
     * @param source the template
     * @param line   the 1-based line of the expression
     * @param column the 1-based column where the expression starts
     */
    static Quoting quotingAt(String source, int line, int column) {
        int offset = offsetOf(source, line, column);
        Quoting state = Quoting.NONE;
        int i = 0;
        while (i < offset && i < source.length()) {
            char c = source.charAt(i);
            if (c == '{' && i + 1 < source.length() && "{%#".indexOf(source.charAt(i + 1)) >= 0) {
                String close = switch (source.charAt(i + 1)) {
                    case '{' -> "}}";
                    case '%' -> "%}";
                    default -> "#}";
                };
                int end = source.indexOf(close, i + 2);
                if (end < 0 || end + 2 > offset) {
                    break;
                }
                i = end + 2;
                continue;
            }
            switch (state) {
                case NONE -> {
                    if (c == '\\') {
                        i++;
                    } else if (c == '\'') {
                        state = Quoting.SINGLE;
                    } else if (c == '"') {
                        state = Quoting.DOUBLE;
                    }
                }
                case SINGLE -> {
                    if (c == '\'') {
                        state = Quoting.NONE;
                    }
                }
                case DOUBLE -> {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        state = Quoting.NONE;
                    }
                }
            }
            i++;
        }
        return state;
    }

    private static int offsetOf(String source, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line; l++) {
            int nl = source.indexOf('\n', offset);
            if (nl < 0) {
                return source.length();
            }
            offset = nl + 1;
        }
        return Math.min(source.length(), offset + Math.max(0, column - 1));
    }
}
