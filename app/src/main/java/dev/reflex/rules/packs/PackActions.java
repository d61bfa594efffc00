package dev.reflex.rules.packs;

import dev.reflex.config.Node;
import dev.reflex.config.ParsedFile;
import dev.reflex.config.SourceFormat;
import dev.reflex.config.StrictLoader;
import dev.reflex.packs.Pack;
import dev.reflex.packs.PackFile;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The refs of the actions packs declare, read from the {@code name} of each top-level
 * {@code actions/*.yaml} (the action metadata format itself belongs to the actions feature). Used to
 * warn about rules whose action is not loaded.
 */
public final class PackActions {

    private PackActions() {
    }

    /** Every action ref ({@code <pack>.<name>}) the packs declare. */
    public static Set<String> refs(Collection<Pack> packs) {
        Set<String> refs = new HashSet<>();
        for (Pack p : packs) {
            refs.addAll(refs(p));
        }
        return refs;
    }

    /** The action refs one pack declares. */
    public static Set<String> refs(Pack pack) {
        Set<String> refs = new HashSet<>();
        for (PackFile f : pack.files("actions")) {
            if (!f.topLevel() || !SourceFormat.isConfigFileName(f.name())) {
                continue;
            }
            ParsedFile parsed = StrictLoader.parse(f.path(), f.label());
            if (parsed.root() instanceof Node.MapNode m && m.get("name") instanceof Node.StringNode name) {
                refs.add(pack.ref() + "." + name.value());
            }
        }
        return refs;
    }
}
