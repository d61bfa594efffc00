package dev.reflex.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request to run an action, made by a rule that matched a trigger instance.
 *
 * @param ruleRef           the rule that fired
 * @param actionRef         the action to run
 * @param parameters        the action parameters, rendered and cast
 * @param triggerInstanceId the trigger instance that fired the rule
 * @param context           the execution context: {@code trigger_instance}, {@code rule}, {@code user}, {@code pack}
 */
public record ExecutionRequest(String ruleRef, String actionRef, Map<String, Object> parameters, String triggerInstanceId,
                               Map<String, Object> context) {

    public ExecutionRequest {
        Objects.requireNonNull(ruleRef, "ruleRef");
        Objects.requireNonNull(actionRef, "actionRef");
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        context = context == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }
}
