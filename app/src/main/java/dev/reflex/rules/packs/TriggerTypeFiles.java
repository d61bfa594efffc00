package dev.reflex.rules.packs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.config.LoadResult;
import dev.reflex.config.ObjectReader;
import dev.reflex.config.StrictLoader;
import dev.reflex.config.Value;
import dev.reflex.packs.Pack;
import dev.reflex.packs.PackContentType;
import dev.reflex.packs.PackFile;
import dev.reflex.triggers.TriggerType;
import java.util.List;

/**
 * The {@code triggers/} content type: each YAML/JSON file declares one trigger type
 * ({@code name}, {@code pack}, {@code description}, {@code payload_schema},
 * {@code parameters_schema}, {@code tags}). The pack defaults to the file's pack; another pack is an
 * error. Schemas must be objects.
 */
public final class TriggerTypeFiles implements PackContentType<TriggerType> {

    @Override
    public String folder() {
        return "triggers";
    }

    @Override
    public LoadResult<TriggerType> load(Pack pack, PackFile file) {
        return StrictLoader.load(file.path(), file.label(), root -> {
            if (!root.isPresent()) {
                root.error("the file is empty; expected a trigger type");
                return null;
            }
            return root.object(o -> read(o, pack));
        });
    }

    private static TriggerType read(ObjectReader o, Pack pack) {
        String name = o.requiredString("name");
        Value packValue = o.optional("pack");
        String declaredPack = packValue.string(null);
        if (declaredPack != null && !declaredPack.equals(pack.ref())) {
            packValue.error("the trigger type is in pack '" + pack.ref() + "' but its 'pack' field says '" + declaredPack + "'");
        }
        String description = o.optional("description").string(null);
        JsonNode payload = schema(o.optional("payload_schema"));
        JsonNode parameters = schema(o.optional("parameters_schema"));
        List<Object> tags = o.optional("tags").list(Value::plain);
        o.known("id", "uid", "ref", "metadata_file");
        return name == null ? null : new TriggerType(null, pack.ref(), name, description, payload, parameters, tags);
    }

    private static JsonNode schema(Value v) {
        if (!v.isPresent()) {
            return null;
        }
        if (!(v.node() instanceof dev.reflex.config.Node.MapNode)) {
            v.error("a schema must be a map (a JSON schema object), not " + v.node().kind());
            return null;
        }
        return v.json();
    }
}
