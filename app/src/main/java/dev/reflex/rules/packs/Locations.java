package dev.reflex.rules.packs;

import dev.reflex.config.Location;
import dev.reflex.config.Node;

/** Finds where a JSON-pointer path points in a located tree, so that problems found on a plain tree get a line and column. */
final class Locations {

    private Locations() {
    }

    /**
     * The location of the deepest node the pointer reaches: the node itself when it exists, else the
     * nearest enclosing one (a missing field is reported at its object).
     */
    static Location locate(Node root, Location fallback, String pointer) {
        if (root == null) {
            return fallback;
        }
        Node at = root;
        if (pointer == null || pointer.isEmpty()) {
            return at.location();
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            String segment = raw.replace("~1", "/").replace("~0", "~");
            Node next = switch (at) {
                case Node.MapNode m -> m.get(segment);
                case Node.ListNode l -> index(l, segment);
                default -> null;
            };
            if (next == null) {
                break;
            }
            at = next;
        }
        return at.location();
    }

    private static Node index(Node.ListNode list, String segment) {
        try {
            int i = Integer.parseInt(segment);
            return i >= 0 && i < list.items().size() ? list.items().get(i) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
