package dev.reflex.events;

import dev.reflex.checks.JsonValues;
import dev.reflex.checks.RubyText;
import dev.reflex.checks.Tokens;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sensu's {@code attributes_match?}: whether every attribute of a filter (or of proxy request
 * {@code client_attributes}) matches an object.
 *
 * <p>An attribute matches when the values are equal ({@code 1 == 1.0}), when both are objects that
 * match recursively, when their texts are equal ({@code "80"} matches {@code 80}; a missing value
 * reads as {@code ""}), or when the filter value is {@code "eval: <expression>"}: its
 * {@code :::path|default:::} tokens are substituted from the whole object, then the expression is
 * evaluated with {@code value} bound to the object's value. Unmatched tokens, parse errors and
 * runtime errors all mean "no match".
 */
public final class AttributeMatcher {

    private static final String EVAL_PREFIX = "eval:";
    private static final int CACHE_LIMIT = 4096;

    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, Object> compiled = new ConcurrentHashMap<>();

    /** A matcher whose expressions see {@code Time.now} from {@code clock}, local times in {@code zone}. */
    public AttributeMatcher(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /** True when every attribute matches {@code object}. */
    public boolean matches(Map<String, Object> object, Map<String, Object> attributes) {
        return matches(object, attributes, object);
    }

    private boolean matches(Map<String, Object> object, Map<String, Object> attributes, Object scope) {
        Map<String, Object> scopeMap = JsonValues.asMap(scope);
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            Object mine = e.getValue();
            Object theirs = scopeMap == null ? null : scopeMap.get(e.getKey());
            if (!matchesOne(object, mine, theirs)) {
                return false;
            }
        }
        return true;
    }

    private boolean matchesOne(Map<String, Object> object, Object mine, Object theirs) {
        if (JsonValues.rubyEquals(mine, theirs)) {
            return true;
        }
        if (mine instanceof Map<?, ?> && theirs instanceof Map<?, ?>) {
            return matches(object, JsonValues.asMap(mine), theirs);
        }
        if (RubyText.toS(mine).equals(RubyText.toS(theirs))) {
            return true;
        }
        if (mine instanceof String s && s.startsWith(EVAL_PREFIX)) {
            return evaluate(object, s.substring(EVAL_PREFIX.length()), theirs);
        }
        return false;
    }

    private boolean evaluate(Map<String, Object> object, String raw, Object value) {
        Tokens.Substitution<String> s = Tokens.substitute(raw, object);
        if (!s.complete()) {
            return false;
        }
        Object expression = compiled.get(s.value());
        if (expression == null) {
            try {
                expression = EvalExpression.compile(s.value());
            } catch (EvalException e) {
                expression = e;
            }
            if (compiled.size() >= CACHE_LIMIT) {
                compiled.clear();
            }
            compiled.put(s.value(), expression);
        }
        return expression instanceof EvalExpression ex && ex.test(value, clock, zone);
    }
}
