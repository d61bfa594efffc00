package dev.reflex.config;

import dev.reflex.config.Node.MapNode;
import dev.reflex.config.Node.Member;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deep-merges an overlay tree over a base tree: maps merge key by key, recursively; lists, scalars
 * and nulls in the overlay replace what the base had. Every node keeps the location of the file it
 * came from, so later errors point into the base file or into the overlay as appropriate.
 */
public final class Overlays {

    private Overlays() {
    }

    /** The overlay merged over the base; either may be null (an empty file). */
    public static Node merge(Node base, Node overlay) {
        if (base == null) {
            return overlay;
        }
        if (overlay == null) {
            return base;
        }
        if (base instanceof MapNode b && overlay instanceof MapNode o) {
            Map<String, Member> out = new LinkedHashMap<>(b.members());
            o.members().forEach((key, m) -> {
                Member previous = out.get(key);
                out.put(key, previous == null ? m : new Member(key, m.keyLocation(), merge(previous.value(), m.value())));
            });
            return new MapNode(b.location(), out);
        }
        return overlay;
    }
}
