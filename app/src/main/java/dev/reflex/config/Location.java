package dev.reflex.config;

/**
 * A place in a configuration file: the file as the user named it, and a 1-based line and column.
 *
 * <p>Line and column are 0 when the place is the whole file (for example a file that cannot be read),
 * or when the value does not come from a file at all (an environment variable, a command-line flag).
 *
 * @param file   the file as the user named it, or a label such as {@code REFLEX_HTTP_PORT (environment)}
 * @param line   1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
public record Location(String file, int line, int column) {

    /** A location that names a whole file (or another source) without a line. */
    public static Location of(String file) {
        return new Location(file, 0, 0);
    }

    /** A problem at this location. */
    public ConfigProblem problem(String path, String message) {
        return new ConfigProblem(file, line, column, path, message);
    }

    /** {@code file:line:col}, or just the file when the line is unknown. */
    @Override
    public String toString() {
        return line > 0 ? file + ':' + line + ':' + Math.max(column, 1) : file;
    }
}
