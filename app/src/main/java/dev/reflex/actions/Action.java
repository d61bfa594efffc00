package dev.reflex.actions;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An action in StackStorm's metadata format: what to run ({@code runner_type}, {@code entry_point})
 * and with which parameters.
 *
 * @param pack         the pack the action belongs to
 * @param name         the action name ({@code local} in {@code core.local})
 * @param runnerType   the runner that runs it, such as {@code local-shell-cmd}
 * @param description  one line, empty when none
 * @param enabled      whether it may run (StackStorm's default is true)
 * @param entryPoint   the script or workflow file relative to the pack's {@code actions/} folder, empty when none
 * @param parameters   the action's own parameter declarations, in file order
 * @param outputSchema the declared output schema, empty when none
 * @param tags         the tags, as written (each usually {@code {name, value}})
 * @param notifications the {@code notify} section ({@code on-complete}, {@code on-success}, {@code on-failure})
 * @param metadataFile where the metadata came from ({@code actions/local.yaml}), empty for API-made actions
 * @param actionsDir   the pack's {@code actions/} folder on disk, for resolving the entry point
 */
public record Action(String pack, String name, String runnerType, String description, boolean enabled,
                     String entryPoint, List<ParameterSchema> parameters, Map<String, Object> outputSchema,
                     List<Object> tags, Map<String, Object> notifications, String metadataFile, Optional<Path> actionsDir) {

    public Action {
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(runnerType, "runnerType");
        description = description == null ? "" : description;
        entryPoint = entryPoint == null ? "" : entryPoint;
        parameters = List.copyOf(parameters);
        outputSchema = outputSchema == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outputSchema));
        tags = tags == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(tags));
        notifications = notifications == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(notifications));
        metadataFile = metadataFile == null ? "" : metadataFile;
        Objects.requireNonNull(actionsDir, "actionsDir");
    }

    /** The reference, {@code pack.name}. */
    public String ref() {
        return pack + "." + name;
    }

    /** StackStorm's uid, {@code action:pack:name}. */
    public String uid() {
        return "action:" + pack + ":" + name;
    }

    /** The declaration of the named action parameter, if the action declares it. */
    public Optional<ParameterSchema> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }

    /** The entry point as a file, when the action has one and its pack is on disk (or in the jar). */
    public Optional<Path> entryPointPath() {
        if (entryPoint.isEmpty()) {
            return Optional.empty();
        }
        return actionsDir.map(dir -> dir.resolve(entryPoint));
    }

    /** The same action, enabled or disabled. */
    public Action withEnabled(boolean on) {
        return new Action(pack, name, runnerType, description, on, entryPoint, parameters, outputSchema, tags, notifications,
                metadataFile, actionsDir);
    }

    /** Names the action without its parameters' defaults, which may be secrets. */
    @Override
    public String toString() {
        return "Action[" + ref() + ", runner " + runnerType + (enabled ? "" : ", disabled") + "]";
    }
}
