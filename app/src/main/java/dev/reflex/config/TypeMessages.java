package dev.reflex.config;

import dev.reflex.config.Node.NullNode;
import dev.reflex.config.Node.StringNode;

/** The wording of type and range errors, shared by the binding API. */
final class TypeMessages {

    private TypeMessages() {
    }

    /** "expected X but found Y (value)", or "… but the substituted value is 'v'" for token text. */
    static String mismatch(Node node, String expected, String hint) {
        String text = Node.scalarText(node);
        if (node instanceof StringNode s && s.substituted()) {
            return "expected " + expected + " but the substituted value is '" + text + "'" + hint;
        }
        if (text != null && !(node instanceof NullNode)) {
            String shown = node instanceof StringNode ? "\"" + text + "\"" : text;
            return "expected " + expected + " but found " + node.kind() + " (" + shown + ")" + hint;
        }
        return "expected " + expected + " but found " + node.kind() + hint;
    }

    /** "must be between min and max but is v", or "must be at least min…" when there is no real maximum. */
    static String range(long v, long min, long max) {
        if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
            return "must be at least " + min + " but is " + v;
        }
        return "must be between " + min + " and " + max + " but is " + v;
    }

    /** An integer written as text (from a token), or null. */
    static Long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
