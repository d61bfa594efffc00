package dev.reflex.checks;

/**
 * A Sensu 1.x pipe mutator: a command that reads the event JSON on stdin and whose stdout becomes
 * the data handed to the handler. A non-zero exit drops the event for that handler.
 *
 * @param name    the mutator name
 * @param command the command, run through {@code /bin/sh -c}
 * @param timeout seconds, or null for no timeout
 */
public record MutatorDefinition(String name, String command, Double timeout) {

    /** Builds the record from a definition that passed {@link HandlerValidator#validateMutator}. */
    public static MutatorDefinition from(String name, java.util.Map<String, Object> definition) {
        return new MutatorDefinition(name, (String) definition.get("command"),
                definition.get("timeout") instanceof Number n ? n.doubleValue() : null);
    }
}
