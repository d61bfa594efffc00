package dev.reflex.packs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registered {@link PackContentType}s, at most one per folder.
 *
 * <p>{@link #standard()} is the registry the server and {@code reflex validate} use: each feature that
 * defines a pack content format (rules, actions, aliases, checks…) adds its type there, in plain code.
 */
public final class PackContentTypes {

    private final Map<String, PackContentType<?>> byFolder = new LinkedHashMap<>();

    /** A registry of the given types. */
    public PackContentTypes(List<PackContentType<?>> types) {
        for (PackContentType<?> type : types) {
            if (byFolder.putIfAbsent(type.folder(), type) != null) {
                throw new IllegalArgumentException("two content types for folder '" + type.folder() + "'");
            }
        }
    }

    /**
     * The content types Reflex ships with, as {@code reflex validate} uses them: rules (trigger types
     * known: the built-in ones; actions known: the pack's own), trigger types, action metadata and
     * the workflow files of action-chain and orquesta actions, policies, and Sensu checks and handlers.
     */
    public static PackContentTypes standard() {
        dev.reflex.triggers.TriggerTypeRegistry builtins = dev.reflex.triggers.TriggerTypeRegistry.withBuiltins();
        dev.reflex.template.TemplateEngine templates = new dev.reflex.template.TemplateEngine();
        List<PackContentType<?>> types = new java.util.ArrayList<>(List.of(
                new dev.reflex.rules.packs.RuleFiles(templates, () -> builtins,
                        (pack, action) -> dev.reflex.rules.packs.PackActions.refs(pack).contains(action)),
                new dev.reflex.rules.packs.TriggerTypeFiles(),
                new dev.reflex.workflows.WorkflowPackFiles(templates),
                new dev.reflex.executions.PolicyFiles()));
        types.addAll(dev.reflex.sensu.SensuPackContent.types());
        return new PackContentTypes(types);
    }

    /** The type that reads a folder, if any. */
    public Optional<PackContentType<?>> forFolder(String folder) {
        return Optional.ofNullable(byFolder.get(folder));
    }

    /** Every registered type, in registration order. */
    public List<PackContentType<?>> all() {
        return List.copyOf(byFolder.values());
    }
}
