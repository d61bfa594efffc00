package dev.reflex.actions;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The declaration of one parameter of an action or a runner: its type, default and the flags
 * StackStorm metadata carries ({@code required}, {@code secret}, {@code immutable},
 * {@code position}). Build one with {@link #of} and the {@code with…} methods.
 *
 * @param name         the parameter name ({@code ^\w+$})
 * @param type         the declared type, {@link ParameterType#UNSPECIFIED} when none is declared
 * @param description  a one-line explanation, empty when none
 * @param defaultValue the default, empty when there is none (a declared {@code default: null} counts as none)
 * @param required     whether a value must be given
 * @param secret       whether the value is masked in every output
 * @param immutable    whether the default may not be overridden
 * @param position     the position among a script's positional arguments, if it is one
 */
public record ParameterSpec(String name, ParameterType type, String description, Optional<Object> defaultValue,
                            boolean required, boolean secret, boolean immutable, OptionalInt position) {

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(position, "position");
        if (!name.matches("\\w+")) {
            throw new IllegalArgumentException("parameter name must match ^\\w+$: " + name);
        }
    }

    /** An optional, mutable, non-secret parameter of the given type, without default or description. */
    public static ParameterSpec of(String name, ParameterType type) {
        return new ParameterSpec(name, type, "", Optional.empty(), false, false, false, OptionalInt.empty());
    }

    /** The same parameter with a description. */
    public ParameterSpec withDescription(String text) {
        return new ParameterSpec(name, type, text, defaultValue, required, secret, immutable, position);
    }

    /** The same parameter with a default; null removes the default. */
    public ParameterSpec withDefault(Object value) {
        return new ParameterSpec(name, type, description, Optional.ofNullable(value), required, secret, immutable, position);
    }

    /** The same parameter, required. */
    public ParameterSpec asRequired() {
        return new ParameterSpec(name, type, description, defaultValue, true, secret, immutable, position);
    }

    /** The same parameter, secret. */
    public ParameterSpec asSecret() {
        return new ParameterSpec(name, type, description, defaultValue, required, true, immutable, position);
    }

    /** The same parameter, immutable. */
    public ParameterSpec asImmutable() {
        return new ParameterSpec(name, type, description, defaultValue, required, secret, true, position);
    }

    /** The same parameter as the positional argument at {@code index}. */
    public ParameterSpec atPosition(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("position must not be negative: " + index);
        }
        return new ParameterSpec(name, type, description, defaultValue, required, secret, immutable, OptionalInt.of(index));
    }

    /** Describes the parameter without its default when it is secret. */
    @Override
    public String toString() {
        return "ParameterSpec[" + name + ": " + (type == ParameterType.UNSPECIFIED ? "?" : type.schemaName())
                + (required ? ", required" : "") + (secret ? ", secret" : "") + (immutable ? ", immutable" : "")
                + (position.isPresent() ? ", position " + position.getAsInt() : "")
                + (defaultValue.isPresent() ? ", default " + (secret ? "********" : defaultValue.get()) : "") + "]";
    }
}
