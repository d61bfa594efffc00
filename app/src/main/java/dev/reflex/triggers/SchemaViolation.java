package dev.reflex.triggers;

/**
 * One way a value does not conform to a JSON schema.
 *
 * @param path    JSON pointer to the offending value inside the validated document ({@code ""} for the root)
 * @param message what is wrong, in the words of Python's {@code jsonschema} where StackStorm users know them
 */
public record SchemaViolation(String path, String message) {

    @Override
    public String toString() {
        return path.isEmpty() ? message : message + " (at " + path + ")";
    }
}
