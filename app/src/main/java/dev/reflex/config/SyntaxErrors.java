package dev.reflex.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns a parser exception into one clean, one-line {@link ConfigProblem}: the place of the problem
 * and what is wrong, without SnakeYAML's multi-line dump or Jackson's source description.
 */
final class SyntaxErrors {

    private SyntaxErrors() {
    }

    static ConfigProblem toProblem(String file, JsonProcessingException e) {
        MarkedYAMLException marked = findMarked(e);
        if (marked != null && marked.getProblemMark() != null) {
            Mark at = marked.getProblemMark();
            String message = "syntax error: " + explain(marked.getProblem());
            Mark context = marked.getContextMark();
            if (marked.getContext() != null && context != null
                    && (context.getLine() != at.getLine() || context.getColumn() != at.getColumn())) {
                message += " (" + marked.getContext() + " that started at line " + (context.getLine() + 1)
                        + ", column " + (context.getColumn() + 1) + ")";
            }
            return new ConfigProblem(file, at.getLine() + 1, at.getColumn() + 1, "", message);
        }
        JsonLocation loc = e.getLocation();
        String original = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        if (original.startsWith("Expected a field name")) {
            original = "a key must be a plain value; lists and maps cannot be used as keys";
        }
        String message = "syntax error: " + firstLine(original);
        int line = loc == null ? 0 : Math.max(loc.getLineNr(), 0);
        int column = loc == null ? 0 : Math.max(loc.getColumnNr(), 0);
        return new ConfigProblem(file, line, column, "", message);
    }

    private static MarkedYAMLException findMarked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m) {
                return m;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** SnakeYAML's wording, with a hint for the mistakes people make most. */
    private static String explain(String problem) {
        String p = problem == null ? "invalid YAML" : firstLine(problem).trim();
        if (p.contains("found character '@' that cannot start any token")) {
            return "a value cannot start with '@'; quote it, for example \"@@KEY@@\"";
        }
        if (p.contains("'\\t(TAB)'") || p.contains("\\t(TAB)")) {
            return "a tab character cannot be used for indentation; use spaces";
        }
        if (p.startsWith("mapping values are not allowed here")) {
            return "mapping values are not allowed here; quote a value that contains ': ', or check the indentation";
        }
        if (p.startsWith("found unexpected end of stream") || p.endsWith("but found '<stream end>'")) {
            return "the file ends inside an unfinished value (a missing closing quote or bracket?)";
        }
        return p;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }
}
