package dev.reflex.packs;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pack: a folder in StackStorm's layout ({@code pack.yaml}, {@code actions/}, {@code rules/},
 * {@code aliases/}, {@code triggers/}, {@code sensors/}, {@code policies/}) plus Reflex's own content
 * folders ({@code checks/}, {@code handlers/}, {@code alerts/}).
 *
 * @param ref         the pack's id, used in refs such as {@code linux.check_loadavg}
 * @param name        the display name
 * @param version     the version from pack.yaml, or null without one
 * @param description the description from pack.yaml, or null
 * @param author      the author from pack.yaml, or null
 * @param origin      whether the pack ships inside Reflex or was found on disk
 * @param root        the pack's folder (inside the Reflex jar for built-in packs)
 * @param metadata    the pack.yaml, or null when the pack has none
 * @param content     the files of each content folder that exists, by folder name, in a stable order
 */
public record Pack(String ref, String name, String version, String description, String author, Origin origin,
                   Path root, PackMetadata metadata, Map<String, List<PackFile>> content) {

    /** Where a pack comes from. */
    public enum Origin {
        /** Shipped inside Reflex (resource folder {@code packs/<ref>/}). */
        BUILTIN,
        /** Found in a configured pack path. */
        DISK
    }

    public Pack {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(root, "root");
        Map<String, List<PackFile>> copy = new LinkedHashMap<>();
        content.forEach((folder, files) -> copy.put(folder, List.copyOf(files)));
        content = Collections.unmodifiableMap(copy);
    }

    /** Whether the pack ships inside Reflex. */
    public boolean builtin() {
        return origin == Origin.BUILTIN;
    }

    /** {@code builtin}, or the folder the pack was found in. */
    public String location() {
        return builtin() ? "builtin" : root.toString();
    }

    /** The files of one content folder; empty when the folder does not exist. */
    public List<PackFile> files(String folder) {
        return content.getOrDefault(folder, List.of());
    }
}
