package dev.reflex.rules.store;

import dev.reflex.rules.Rule;
import java.time.Instant;
import java.util.Objects;

/**
 * A rule as the store keeps it, with where it came from.
 *
 * @param rule       the rule (with its id)
 * @param source     {@code api} or {@code pack}
 * @param sourceFile the file a pack rule was loaded from, or null
 * @param updatedAt  when it was last stored
 */
public record StoredRule(Rule rule, String source, String sourceFile, Instant updatedAt) {

    /** The source of rules created through the API. */
    public static final String API = "api";
    /** The source of rules loaded from pack files. */
    public static final String PACK = "pack";

    public StoredRule {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(rule.id(), "rule.id");
        Objects.requireNonNull(source, "source");
    }
}
