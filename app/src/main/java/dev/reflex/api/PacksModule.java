package dev.reflex.api;

import dev.reflex.packs.Pack;
import dev.reflex.packs.PackSet;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The packs the server loaded, shaped as StackStorm's {@code /api/v1/packs}. */
public final class PacksModule implements ApiModule {

    private final Supplier<PackSet> packs;

    public PacksModule(Supplier<PackSet> packs) {
        this.packs = packs;
    }

    @Override
    public void routes(Routes r) {
        r.get("/api/v1/packs", Access.USER, "List the loaded packs.", this::list);
        r.get("/api/v1/packs/{ref}", Access.USER, "Get one loaded pack.", this::get);
    }

    private void list(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Pack p : packs.get().packs()) {
            out.add(view(p));
        }
        ctx.json(out);
    }

    private void get(Context ctx) {
        String ref = ctx.pathParam("ref");
        Pack p = packs.get().find(ref).orElseThrow(() -> ApiException.notFound("no pack named '" + ref + "'"));
        ctx.json(view(p));
    }

    static Map<String, Object> view(Pack p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ref", p.ref());
        m.put("name", p.name());
        m.put("version", p.version());
        m.put("description", p.description());
        m.put("author", p.author());
        m.put("origin", p.builtin() ? "builtin" : "disk");
        m.put("path", p.location());
        Map<String, Integer> content = new LinkedHashMap<>();
        p.content().forEach((folder, files) -> content.put(folder, files.size()));
        m.put("content", content);
        return m;
    }
}
