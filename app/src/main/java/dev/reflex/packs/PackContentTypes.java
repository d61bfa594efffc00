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

    /** The content types Reflex ships with: action metadata and policies (later features add theirs here). */
    public static PackContentTypes standard() {
        return new PackContentTypes(List.of(
                new dev.reflex.actions.ActionFiles(new dev.reflex.template.TemplateEngine()),
                new dev.reflex.executions.PolicyFiles()));
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
