package dev.reflex.rules.store;

import dev.reflex.rules.Parsed;
import dev.reflex.rules.Rule;
import dev.reflex.rules.RuleParser;
import dev.reflex.triggers.Trigger;
import dev.reflex.triggers.store.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A rule as a StackStorm-shaped document ({@code id, ref, uid, name, pack, description, enabled,
 * type, trigger, criteria, action, context, tags, metadata_file}), and back through the
 * {@link RuleParser}.
 */
public final class RuleDocuments {

    private RuleDocuments() {
    }

    /** The document of a rule, as the API shows it; the trigger's ref is filled in. */
    public static Map<String, Object> toMap(Rule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("ref", r.ref());
        m.put("uid", r.uid());
        m.put("name", r.name());
        m.put("pack", r.pack());
        m.put("description", r.description());
        m.put("enabled", r.enabled());
        Map<String, Object> type = new LinkedHashMap<>();
        type.put("ref", r.type().ref());
        type.put("parameters", r.type().parameters());
        m.put("type", type);
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("type", r.trigger().type());
        trigger.put("parameters", r.trigger().parameters());
        trigger.put("ref", Trigger.of(r.trigger().type(), r.trigger().parameters()).ref());
        if (r.trigger().description() != null) {
            trigger.put("description", r.trigger().description());
        }
        m.put("trigger", trigger);
        Map<String, Object> criteria = new LinkedHashMap<>();
        r.criteria().forEach((key, c) -> {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("type", c.type());
            cm.put("pattern", c.pattern());
            if (c.condition() != null) {
                cm.put("condition", c.condition());
            }
            criteria.put(key, cm);
        });
        m.put("criteria", criteria);
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("ref", r.action().ref());
        action.put("parameters", r.action().parameters());
        if (r.action().description() != null) {
            action.put("description", r.action().description());
        }
        m.put("action", action);
        m.put("context", r.context());
        List<Object> tags = new ArrayList<>();
        for (Rule.Tag t : r.tags()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("name", t.name());
            tm.put("value", t.value());
            tags.add(tm);
        }
        m.put("tags", tags);
        if (r.metadataFile() != null) {
            m.put("metadata_file", r.metadataFile());
        }
        return m;
    }

    /** The document as JSON text. */
    public static String toJson(Rule r) {
        return Sql.json(toMap(r));
    }

    /**
     * The document as JSON text, written once per rule object: every enforcement stores a snapshot of
     * its rule, and rules are immutable once loaded. Keyed by identity, so a reloaded rule (a new
     * object) gets its own entry; the cache is emptied when it holds {@value #CACHED_RULES} rules.
     */
    public static String toJsonCached(Rule r) {
        IdentityKey key = new IdentityKey(r);
        String json = JSON_CACHE.get(key);
        if (json == null) {
            json = toJson(r);
            if (JSON_CACHE.size() >= CACHED_RULES) {
                JSON_CACHE.clear();
            }
            JSON_CACHE.put(key, json);
        }
        return json;
    }

    private static final int CACHED_RULES = 4096;
    private static final ConcurrentHashMap<IdentityKey, String> JSON_CACHE = new ConcurrentHashMap<>();

    /** A rule compared by identity, not by value: cheap to hash and exact about which object was written. */
    private record IdentityKey(Rule rule) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey k && k.rule == rule;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(rule);
        }
    }

    /**
     * A rule from its stored JSON document.
     *
     * @throws IllegalStateException when the document no longer parses (every problem in the message)
     */
    public static Rule fromJson(String json, RuleParser parser) {
        try {
            Parsed<Rule> parsed = parser.parse(Sql.mapper().readTree(json), "<stored rule>");
            if (!parsed.ok()) {
                throw new IllegalStateException("a stored rule no longer parses: " + parsed.problems());
            }
            return parsed.value();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored rule is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
