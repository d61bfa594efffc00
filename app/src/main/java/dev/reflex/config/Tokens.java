package dev.reflex.config;

import dev.reflex.config.Node.ListNode;
import dev.reflex.config.Node.MapNode;
import dev.reflex.config.Node.Member;
import dev.reflex.config.Node.StringNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Substitutes {@code @@KEY@@} tokens in the string values of a located tree: the per-environment
 * values that deployment pipelines fill in (an Elasticsearch address, a chat room, a threshold).
 *
 * <p>A key is made of letters, digits, {@code _}, {@code -} and {@code .}. Substituted strings keep
 * the location of the string they came from, and are marked so that a field expecting a number or a
 * boolean accepts {@code "@@PORT@@"} once it has become {@code "8080"}; a string whose token stays
 * unresolved is not reported again by binding. Keys of maps are not substituted. Tokens that cannot be resolved are left as written and listed, so that one problem can
 * name them all.
 */
public final class Tokens {

    /** The token syntax; group 1 is the key. */
    public static final Pattern TOKEN = Pattern.compile("@@([A-Za-z0-9_.\\-]+)@@");

    private Tokens() {
    }

    /**
     * One token that no value was found for.
     *
     * @param key      the key between the {@code @@}
     * @param location where the string holding it starts
     * @param path     the path of that string inside its document
     */
    public record Unresolved(String key, Location location, String path) {
    }

    /**
     * A tree after substitution.
     *
     * @param root       the new tree (null when the input was null)
     * @param unresolved every token left unresolved, in document order
     */
    public record Result(Node root, List<Unresolved> unresolved) {
        public Result {
            unresolved = List.copyOf(unresolved);
        }

        /**
         * One problem naming every unresolved token and where each appears, or empty when all were
         * resolved; {@code hint} says where values come from.
         */
        public Optional<ConfigProblem> problem(String hint) {
            if (unresolved.isEmpty()) {
                return Optional.empty();
            }
            Map<String, List<Unresolved>> byKey = new LinkedHashMap<>();
            unresolved.forEach(u -> byKey.computeIfAbsent(u.key(), k -> new ArrayList<>()).add(u));
            String list = byKey.entrySet().stream()
                    .map(e -> "@@" + e.getKey() + "@@ (" + e.getValue().stream()
                            .map(u -> u.location().toString()).distinct().collect(Collectors.joining(", ")) + ")")
                    .collect(Collectors.joining(", "));
            Unresolved first = unresolved.getFirst();
            String noun = byKey.size() == 1 ? "unresolved token " : byKey.size() + " unresolved tokens: ";
            return Optional.of(first.location().problem("", noun + list + "; " + hint));
        }
    }

    /** Whether a string holds at least one token. */
    public static boolean hasToken(String s) {
        return TOKEN.matcher(s).find();
    }

    /** Replaces every token whose key {@code lookup} knows (it returns null for unknown keys). */
    public static Result substitute(Node root, Function<String, String> lookup) {
        List<Unresolved> unresolved = new ArrayList<>();
        Node out = root == null ? null : walk(root, "", lookup, unresolved);
        return new Result(out, unresolved);
    }

    private static Node walk(Node node, String path, Function<String, String> lookup, List<Unresolved> unresolved) {
        return switch (node) {
            case MapNode m -> {
                Map<String, Member> members = new LinkedHashMap<>();
                m.members().forEach((k, member) -> members.put(k, new Member(k, member.keyLocation(),
                        walk(member.value(), path + "/" + TreeReader.escape(k), lookup, unresolved))));
                yield new MapNode(m.location(), members);
            }
            case ListNode l -> {
                List<Node> items = new ArrayList<>();
                for (int i = 0; i < l.items().size(); i++) {
                    items.add(walk(l.items().get(i), path + "/" + i, lookup, unresolved));
                }
                yield new ListNode(l.location(), items);
            }
            case StringNode s -> replace(s, path, lookup, unresolved);
            default -> node;
        };
    }

    private static Node replace(StringNode s, String path, Function<String, String> lookup, List<Unresolved> unresolved) {
        Matcher m = TOKEN.matcher(s.value());
        if (!m.find()) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        boolean changed = false;
        // Every string that held a token is marked, resolved or not: binding reads a resolved one as a number or a
        // boolean when its field wants one, and does not report an unresolved one a second time.
        do {
            String key = m.group(1);
            String value = lookup.apply(key);
            if (value == null) {
                unresolved.add(new Unresolved(key, s.location(), path));
                m.appendReplacement(b, Matcher.quoteReplacement(m.group()));
            } else {
                changed = true;
                m.appendReplacement(b, Matcher.quoteReplacement(value));
            }
        } while (m.find());
        m.appendTail(b);
        return new StringNode(s.location(), changed ? b.toString() : s.value(), true);
    }
}
