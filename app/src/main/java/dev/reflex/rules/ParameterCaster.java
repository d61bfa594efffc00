package dev.reflex.rules;

import java.util.Map;

/**
 * Casts rendered action parameters to the types the action declares (a rendered {@code "3"} to
 * {@code 3} for an integer parameter). The actions work provides the real one; until then
 * {@link #IDENTITY} leaves values as rendered.
 */
@FunctionalInterface
public interface ParameterCaster {

    /** Leaves every value as rendered. */
    ParameterCaster IDENTITY = (actionRef, parameters) -> parameters;

    /**
     * The parameters cast to the action's types.
     *
     * @throws IllegalArgumentException when a value cannot be cast; the message becomes the failure reason
     */
    Map<String, Object> cast(String actionRef, Map<String, Object> parameters);

    /**
     * Whether the named parameter of the action is a shell command (the {@code cmd} of a shell
     * runner), which is then rendered with {@link dev.reflex.template.TemplateEngine#renderShellCommand}
     * so that values from the trigger payload stay data. By default none is.
     */
    default boolean isShellCommand(String actionRef, String parameter) {
        return false;
    }
}
