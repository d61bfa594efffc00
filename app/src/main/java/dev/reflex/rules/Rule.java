package dev.reflex.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A StackStorm rule: when a trigger fires and the criteria hold, run an action.
 *
 * @param id           the store's id, or null before it is stored
 * @param name         the name, unique within the pack
 * @param pack         the pack ({@code default} when none is given)
 * @param description  what it is for, or null
 * @param enabled      whether it fires at all (StackStorm's default is false)
 * @param type         standard or backstop
 * @param trigger      the trigger it listens to
 * @param criteria     criteria by key, in document order; all must hold (empty: always)
 * @param action       the action to run and its templated parameters
 * @param context      extra context, or an empty map
 * @param tags         user tags
 * @param metadataFile the file it was loaded from, relative to its pack, or null
 */
public record Rule(String id, String name, String pack, String description, boolean enabled, RuleType type,
                   RuleTrigger trigger, Map<String, Criterion> criteria, RuleAction action, Map<String, Object> context,
                   List<Tag> tags, String metadataFile) {

    /** The pack of a rule that names none. */
    public static final String DEFAULT_PACK = "default";

    public Rule {
        Objects.requireNonNull(name, "name");
        pack = pack == null ? DEFAULT_PACK : pack;
        type = type == null ? RuleType.STANDARD : type;
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(action, "action");
        criteria = criteria == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(criteria));
        context = context == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(context));
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** {@code <pack>.<name>}. */
    public String ref() {
        return pack + "." + name;
    }

    /** {@code rule:<pack>:<name>}. */
    public String uid() {
        return "rule:" + pack + ":" + name;
    }

    /** The same rule, enabled or not. */
    public Rule withEnabled(boolean on) {
        return new Rule(id, name, pack, description, on, type, trigger, criteria, action, context, tags, metadataFile);
    }

    /** The same rule with a store id. */
    public Rule withId(String newId) {
        return new Rule(newId, name, pack, description, enabled, type, trigger, criteria, action, context, tags, metadataFile);
    }

    /**
     * The rule type: {@code standard}, or {@code backstop} (fires only when no standard rule matched).
     *
     * @param ref        {@code standard} or {@code backstop}
     * @param parameters type parameters (unused by both types)
     */
    public record RuleType(String ref, Map<String, Object> parameters) {
        /** The standard type. */
        public static final RuleType STANDARD = new RuleType("standard", Map.of());
        /** The backstop type. */
        public static final RuleType BACKSTOP = new RuleType("backstop", Map.of());

        public RuleType {
            Objects.requireNonNull(ref, "ref");
            parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }

        /** Whether this is the backstop type. */
        public boolean backstop() {
            return "backstop".equals(ref);
        }
    }

    /**
     * The trigger a rule listens to.
     *
     * @param type        the trigger type's ref
     * @param parameters  trigger parameters (a webhook URL, a timer interval), or empty
     * @param description a description, or null
     * @param ref         the ref of the trigger as stored, or null
     */
    public record RuleTrigger(String type, Map<String, Object> parameters, String description, String ref) {
        public RuleTrigger {
            Objects.requireNonNull(type, "type");
            parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    /**
     * The action a rule runs.
     *
     * @param ref         {@code <pack>.<action>}
     * @param parameters  parameters, whose strings may be Jinja templates
     * @param description a description, or null
     */
    public record RuleAction(String ref, Map<String, Object> parameters, String description) {
        public RuleAction {
            Objects.requireNonNull(ref, "ref");
            parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    /**
     * One criterion as written.
     *
     * @param type      the operator name or alias ({@code equals}, {@code eq}, {@code search}…)
     * @param pattern   the pattern: plain data, a string possibly with Jinja, or for {@code search}
     *                  a map of child criteria
     * @param condition for {@code search}: {@code any}, {@code all}, {@code any2any} or {@code all2any}; else null
     */
    public record Criterion(String type, Object pattern, String condition) {
        public Criterion {
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * A user tag.
     *
     * @param name  the tag name
     * @param value its value, or null
     */
    public record Tag(String name, String value) {
    }
}
