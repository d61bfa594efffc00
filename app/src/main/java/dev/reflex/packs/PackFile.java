package dev.reflex.packs;

import java.nio.file.Path;

/**
 * One file in a content folder of a pack.
 *
 * @param folder the content folder, such as {@code rules} or {@code actions}
 * @param name   the path inside that folder with {@code /} separators, such as {@code workflows/diag.yaml}
 * @param path   the file (on disk, or inside the Reflex jar for built-in packs)
 * @param label  how problems name the file: its path, or {@code builtin:core/actions/echo.yaml}
 */
public record PackFile(String folder, String name, Path path, String label) {

    /** Whether the file sits directly in its content folder (not in a sub-folder such as {@code workflows/}). */
    public boolean topLevel() {
        return name.indexOf('/') < 0;
    }
}
