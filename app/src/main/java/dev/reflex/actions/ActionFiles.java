package dev.reflex.actions;

import dev.reflex.config.LoadResult;
import dev.reflex.config.StrictLoader;
import dev.reflex.packs.Pack;
import dev.reflex.packs.PackContentType;
import dev.reflex.packs.PackFile;
import dev.reflex.template.TemplateEngine;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code actions/} content of packs: each YAML or JSON file directly in the folder is one action's
 * metadata (files in sub-folders, such as {@code actions/workflows/}, are entry points, not metadata).
 * Registered in {@link dev.reflex.packs.PackContentTypes#standard()} so that {@code reflex validate}
 * checks action metadata with {@code file:line:col}.
 */
public final class ActionFiles implements PackContentType<Action> {

    private final ActionFormat format;

    /** A content type compiling parameter defaults with {@code templates}. */
    public ActionFiles(TemplateEngine templates) {
        this.format = new ActionFormat(templates);
    }

    @Override
    public String folder() {
        return "actions";
    }

    @Override
    public LoadResult<Action> load(Pack pack, PackFile file) {
        Path actionsDir = pack.root().resolve("actions");
        return StrictLoader.load(file.path(), file.label(),
                format.inPack(pack.ref(), Optional.of(actionsDir), "actions/" + file.name()));
    }
}
