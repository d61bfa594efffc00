package dev.reflex.config;

/**
 * One error found while loading a configuration file: where it is and what is wrong.
 *
 * <p>{@link #toString()} gives the form every Reflex tool prints: {@code file:line:col: message},
 * followed by the path inside the document when there is one.
 *
 * @param file    the file as the user named it (or a label such as {@code <request body>})
 * @param line    1-based line, or 0 when unknown
 * @param column  1-based column, or 0 when unknown
 * @param path    the JSON-pointer-like path inside the document, such as {@code /criteria/trigger.x/type}, or empty
 * @param message what is wrong, in a sentence
 */
public record ConfigProblem(String file, int line, int column, String path, String message) {

    public ConfigProblem {
        path = path == null ? "" : path;
    }

    /** A problem that concerns a whole file, such as one that cannot be read. */
    public static ConfigProblem ofFile(String file, String message) {
        return new ConfigProblem(file, 0, 0, "", message);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(':').append(line).append(':').append(Math.max(column, 1));
        }
        b.append(": ").append(message);
        if (!path.isEmpty()) {
            b.append(" (at ").append(path).append(')');
        }
        return b.toString();
    }
}
