package dev.reflex.actions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One parameter of an action as its metadata declares it: the {@link ParameterSpec} (type, default
 * and flags the runners read) together with the whole declaration as written ({@code enum},
 * {@code minimum}, {@code pattern}, {@code items}…), which the API shows and validation reads.
 *
 * @param spec        the parsed core of the declaration
 * @param declaration every key of the declaration, in file order
 */
public record ParameterSchema(ParameterSpec spec, Map<String, Object> declaration) {

    public ParameterSchema {
        Objects.requireNonNull(spec, "spec");
        declaration = Collections.unmodifiableMap(new LinkedHashMap<>(declaration));
    }

    /** The schema of a runner parameter, its declaration rebuilt from the spec. */
    public static ParameterSchema of(ParameterSpec spec) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (!spec.description().isEmpty()) {
            d.put("description", spec.description());
        }
        if (spec.type() != ParameterType.UNSPECIFIED) {
            d.put("type", spec.type().schemaName());
        }
        spec.defaultValue().ifPresent(v -> d.put("default", v));
        if (spec.required()) {
            d.put("required", true);
        }
        if (spec.secret()) {
            d.put("secret", true);
        }
        if (spec.immutable()) {
            d.put("immutable", true);
        }
        spec.position().ifPresent(p -> d.put("position", p));
        return new ParameterSchema(spec, d);
    }

    /** The parameter name. */
    public String name() {
        return spec.name();
    }

    /** The declared type, {@link ParameterType#UNSPECIFIED} when none. */
    public ParameterType type() {
        return spec.type();
    }

    /** Whether the value is masked in every output. */
    public boolean secret() {
        return spec.secret();
    }

    /** The default as declared (possibly a Jinja template), if any. */
    public Optional<Object> defaultValue() {
        return spec.defaultValue();
    }

    /** The position among a script's positional arguments, if any. */
    public OptionalInt position() {
        return spec.position();
    }

    /** The allowed values, if the declaration has an {@code enum}. */
    public Optional<List<?>> enumValues() {
        return declaration.get("enum") instanceof List<?> l ? Optional.of(l) : Optional.empty();
    }

    /**
     * This runner parameter with an action's declaration of the same name laid over it, as StackStorm
     * merges them: every attribute the action declares wins, the others stay the runner's.
     */
    public ParameterSchema overriddenBy(ParameterSchema action) {
        Map<String, Object> merged = new LinkedHashMap<>(declaration);
        merged.putAll(action.declaration);
        ParameterSpec s = action.spec;
        Map<String, Object> a = action.declaration;
        ParameterSpec m = new ParameterSpec(spec.name(),
                a.containsKey("type") ? s.type() : spec.type(),
                a.containsKey("description") ? s.description() : spec.description(),
                a.containsKey("default") ? s.defaultValue() : spec.defaultValue(),
                a.containsKey("required") ? s.required() : spec.required(),
                a.containsKey("secret") ? s.secret() : spec.secret(),
                a.containsKey("immutable") ? s.immutable() : spec.immutable(),
                a.containsKey("position") ? s.position() : spec.position());
        return new ParameterSchema(m, merged);
    }

    /** Describes the parameter without revealing a secret default. */
    @Override
    public String toString() {
        return spec.toString();
    }
}
