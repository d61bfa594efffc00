package dev.reflex.actions;

import java.util.Locale;
import java.util.Optional;

/**
 * The JSON-schema type of an action or runner parameter, as StackStorm metadata declares it
 * ({@code type: string}). {@link #UNSPECIFIED} stands for a parameter that declares no type, which
 * StackStorm allows (an action that only overrides a runner parameter's default, for example).
 */
public enum ParameterType {
    STRING, INTEGER, NUMBER, BOOLEAN, OBJECT, ARRAY, NULL, UNSPECIFIED;

    /** The name used in metadata files, such as {@code "string"}; empty for {@link #UNSPECIFIED}. */
    public String schemaName() {
        return this == UNSPECIFIED ? "" : name().toLowerCase(Locale.ROOT);
    }

    /** The type with the given metadata name ({@code "integer"}), if it is one of the schema types. */
    public static Optional<ParameterType> fromSchemaName(String name) {
        for (ParameterType type : values()) {
            if (type != UNSPECIFIED && type.schemaName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
