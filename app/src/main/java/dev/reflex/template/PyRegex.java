package dev.reflex.template;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Python regular expressions ({@code re} module, str patterns) on {@link java.util.regex}.
 *
 * <p>The syntaxes differ in a few places that matter for rules written for StackStorm; this class
 * translates them: named groups {@code (?P<name>…)} and {@code (?P=name)}, {@code \Z}, a
 * {@code {} that does not start a repetition (a literal in Python, an error in Java),
 * {@code {,n}}, a literal {@code [} or {@code &&} inside a character class, and
 * {@code (?#comment)}. Matching follows Python 3: Unicode character classes, only {@code \n} ends
 * a line.
 *
 * @param pattern    the compiled Java pattern
 * @param groupNames Python group name to the Java group name used for it
 * @param literals   when the pattern is a plain word or an alternation of plain words
 *                   ({@code CRITICAL|FATAL}) and case matters, those words, which
 *                   {@link #find} and {@link #matchesAtStart} then look for directly; else null
 */
public record PyRegex(Pattern pattern, Map<String, String> groupNames, String[] literals) {

    /** Python's {@code re.IGNORECASE}. */
    public static final int IGNORECASE = 1;
    /** Python's {@code re.DOTALL}. */
    public static final int DOTALL = 2;
    /** Python's {@code re.MULTILINE}. */
    public static final int MULTILINE = 4;

    private static final Pattern QUANTIFIER = Pattern.compile("\\{(\\d*)(,(\\d*))?}");
    private static final Pattern JAVA_GROUP_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*");

    /**
     * Compiles a Python pattern.
     *
     * @param flags a combination of {@link #IGNORECASE}, {@link #DOTALL}, {@link #MULTILINE}
     * @throws PatternSyntaxException when the pattern is not valid
     */
    public static PyRegex compile(String python, int flags) {
        Map<String, String> names = new HashMap<>();
        String java = translate(python, names);
        int f = Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;
        if ((flags & IGNORECASE) != 0) {
            f |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        if ((flags & DOTALL) != 0) {
            f |= Pattern.DOTALL;
        }
        if ((flags & MULTILINE) != 0) {
            f |= Pattern.MULTILINE;
        }
        String[] literals = (flags & IGNORECASE) == 0 && PLAIN_ALTERNATION.matcher(python).matches() ? python.split("\\|") : null;
        return new PyRegex(Pattern.compile(java, f), Map.copyOf(names), literals);
    }

    /** Words without any regular-expression syntax, separated by {@code |}. */
    private static final Pattern PLAIN_ALTERNATION = Pattern.compile("[\\p{L}\\p{N} _:,;=%/@'\"!<>-]+(\\|[\\p{L}\\p{N} _:,;=%/@'\"!<>-]+)*");

    /** Python's {@code re.match}: a match at the start of the text. */
    public boolean matchesAtStart(CharSequence text) {
        if (literals != null) {
            String s = text.toString();
            for (String literal : literals) {
                if (s.startsWith(literal)) {
                    return true;
                }
            }
            return false;
        }
        return pattern.matcher(text).lookingAt();
    }

    /** Python's {@code re.search}: a match anywhere in the text. */
    public boolean find(CharSequence text) {
        if (literals != null) {
            String s = text.toString();
            for (String literal : literals) {
                if (s.contains(literal)) {
                    return true;
                }
            }
            return false;
        }
        return pattern.matcher(text).find();
    }

    /** Python's {@code re.sub(pattern, replacement, text)}, with {@code \1} and {@code \g<name>} references. */
    public String replaceAll(String text, String replacement) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        String javaReplacement = replacement(replacement);
        while (m.find()) {
            m.appendReplacement(out, javaReplacement);
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Translates a Python replacement template into a {@link Matcher} one. */
    String replacement(String python) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < python.length(); i++) {
            char c = python.charAt(i);
            if (c == '$') {
                b.append("\\$");
            } else if (c == '\\' && i + 1 < python.length()) {
                char n = python.charAt(++i);
                if (n == '0') {
                    b.append('\0');
                } else if (Character.isDigit(n)) {
                    int j = i;
                    while (j < python.length() && j < i + 2 && Character.isDigit(python.charAt(j))) {
                        j++;
                    }
                    b.append('$').append(Integer.parseInt(python.substring(i, j)));
                    i = j - 1;
                } else if (n == 'g' && i + 1 < python.length() && python.charAt(i + 1) == '<') {
                    int end = python.indexOf('>', i);
                    if (end < 0) {
                        throw new IllegalArgumentException("missing >, unterminated name at position " + i);
                    }
                    String name = python.substring(i + 2, end);
                    b.append(name.chars().allMatch(Character::isDigit) ? "$" + name : "${" + groupNames.getOrDefault(name, name) + "}");
                    i = end;
                } else {
                    switch (n) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case '\\' -> b.append("\\\\");
                        default -> b.append("\\\\").append(n);
                    }
                }
            } else if (c == '\\') {
                b.append("\\\\");
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The Java regular expression for a Python one; fills {@code names} with renamed groups. */
    static String translate(String py, Map<String, String> names) {
        StringBuilder b = new StringBuilder(py.length() + 8);
        boolean inClass = false;
        int classStart = -1;
        for (int i = 0; i < py.length(); i++) {
            char c = py.charAt(i);
            if (c == '\\' && i + 1 < py.length()) {
                char n = py.charAt(++i);
                if (n == 'Z' && !inClass) {
                    b.append("\\z");
                } else if (n == 'b' && inClass) {
                    b.append("\\x08");
                } else if (n == 'U' && i + 8 < py.length()) {
                    b.append("\\x{").append(py, i + 1, i + 9).append('}');
                    i += 8;
                } else {
                    b.append('\\').append(n);
                }
                continue;
            }
            if (inClass) {
                if (c == ']' && i > classStart) {
                    inClass = false;
                    b.append(']');
                } else if (c == '[' || c == ']') {
                    b.append('\\').append(c);
                } else if (c == '&' && i + 1 < py.length() && py.charAt(i + 1) == '&') {
                    b.append("&\\&");
                    i++;
                } else {
                    b.append(c);
                }
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    b.append('[');
                    classStart = i + 1;
                    if (i + 1 < py.length() && py.charAt(i + 1) == '^') {
                        b.append('^');
                        i++;
                        classStart = i + 1;
                    }
                }
                case '{' -> {
                    Matcher q = QUANTIFIER.matcher(py).region(i, py.length());
                    if (q.lookingAt() && !(q.group(1).isEmpty() && q.group(2) == null) && b.length() > 0) {
                        String lo = q.group(1).isEmpty() ? "0" : q.group(1);
                        b.append('{').append(lo);
                        if (q.group(2) != null) {
                            b.append(',').append(q.group(3));
                        }
                        b.append('}');
                        i = q.end() - 1;
                    } else {
                        b.append("\\{");
                    }
                }
                case '}' -> b.append("\\}");
                case '(' -> i = group(py, i, b, names);
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static int group(String py, int i, StringBuilder b, Map<String, String> names) {
        if (py.startsWith("(?P<", i)) {
            int end = py.indexOf('>', i);
            if (end < 0) {
                throw new PatternSyntaxException("missing >, unterminated name", py, i);
            }
            b.append("(?<").append(javaName(py.substring(i + 4, end), names)).append('>');
            return end;
        }
        if (py.startsWith("(?P=", i)) {
            int end = py.indexOf(')', i);
            if (end < 0) {
                throw new PatternSyntaxException("missing ), unterminated name", py, i);
            }
            b.append("\\k<").append(javaName(py.substring(i + 4, end), names)).append('>');
            return end;
        }
        if (py.startsWith("(?#", i)) {
            int end = py.indexOf(')', i);
            if (end < 0) {
                throw new PatternSyntaxException("missing ), unterminated comment", py, i);
            }
            return end;
        }
        b.append('(');
        return i;
    }

    private static String javaName(String python, Map<String, String> names) {
        return names.computeIfAbsent(python, n -> JAVA_GROUP_NAME.matcher(n).matches()
                ? n : "pyg" + names.size() + n.replaceAll("[^a-zA-Z0-9]", ""));
    }
}
