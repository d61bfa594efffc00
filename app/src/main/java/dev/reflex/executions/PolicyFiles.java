package dev.reflex.executions;

import dev.reflex.config.LoadResult;
import dev.reflex.config.StrictLoader;
import dev.reflex.packs.Pack;
import dev.reflex.packs.PackContentType;
import dev.reflex.packs.PackFile;

/** The {@code policies/} content of packs: each YAML or JSON file is one policy. */
public final class PolicyFiles implements PackContentType<Policy> {

    @Override
    public String folder() {
        return "policies";
    }

    @Override
    public LoadResult<Policy> load(Pack pack, PackFile file) {
        return StrictLoader.load(file.path(), file.label(), PolicyFormat.of(pack.ref()));
    }
}
