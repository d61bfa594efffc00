package dev.reflex.config;

import java.util.List;

/**
 * The located tree of one file, with the problems found while parsing it (syntax errors, duplicate
 * keys, unknown aliases, extra YAML documents).
 *
 * @param file     the file as the user named it
 * @param format   the syntax it was read with
 * @param root     the top-level value, or null when the file is empty or could not be parsed
 * @param problems the errors found while parsing; empty for a well-formed file
 */
public record ParsedFile(String file, SourceFormat format, Node root, List<ConfigProblem> problems) {

    public ParsedFile {
        problems = List.copyOf(problems);
    }

    /** Whether the file parsed without any error. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** Whether the file holds nothing (no value, or only an explicit null). */
    public boolean isEmpty() {
        return root == null && problems.isEmpty();
    }
}
