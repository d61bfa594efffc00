package dev.reflex.packs;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packs that ship inside Reflex, as resource folders {@code packs/<ref>/} (each with a pack.yaml).
 * When Reflex runs from its jar, the folders are read through a zip file system, so that they are
 * walked exactly like packs on disk.
 */
final class BuiltinPacks {

    /** The refs of the built-in packs. */
    static final List<String> REFS = List.of("core", "chat", "sensu", "linux");

    /** The built-in packs a pack on disk cannot replace (their actions run on Reflex's own runners). */
    static final java.util.Set<String> PINNED = java.util.Set.of("core");

    private final ClassLoader resources;

    BuiltinPacks(ClassLoader resources) {
        this.resources = resources;
    }

    /**
     * The root folder of each built-in pack, by ref.
     *
     * @throws IllegalStateException when a built-in pack is missing from the classpath (a broken build)
     */
    Map<String, Path> roots() {
        Map<String, Path> roots = new LinkedHashMap<>();
        for (String ref : REFS) {
            URL manifest = resources.getResource("packs/" + ref + "/" + PackDiscovery.MANIFEST);
            if (manifest == null) {
                throw new IllegalStateException("built-in pack '" + ref + "' is missing from the classpath");
            }
            roots.put(ref, folderOf(manifest));
        }
        return roots;
    }

    private static Path folderOf(URL manifest) {
        try {
            URI uri = manifest.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    // opened before (by another discovery); Path.of finds it
                }
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read built-in pack at " + manifest, e);
        }
    }
}
