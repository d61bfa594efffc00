package dev.reflex.rules;

import dev.reflex.template.JsonPath;
import dev.reflex.template.PyRegex;
import dev.reflex.template.Template;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One criterion ready to evaluate: its key parsed, its pattern compiled.
 *
 * @param key       the key as written, {@code #tag} included
 * @param path      the path of the key (without the tag)
 * @param type      the operator name as written
 * @param operator  the operator
 * @param pattern   the pattern, literal or template
 * @param condition the search condition, or null
 * @param children  the child criteria of a search (empty otherwise)
 * @param childrenSafe whether every child is {@link #safe()}, so that a search may stop early
 *                  without changing its outcome or its recorded failures
 */
record CompiledCriterion(String key, JsonPath path, String type, Operator operator, PatternSource pattern,
                         String condition, List<CompiledCriterion> children, boolean childrenSafe) {

    /** Whether evaluating it can neither raise nor record anything: the index may skip a rule at it. */
    boolean safe() {
        boolean plainOperator = operator instanceof Operator.Equality e && !e.ignoreCase()
                || operator instanceof Operator.Existence;
        return plainOperator && pattern instanceof Literal && path.isSimple();
    }

    /** How a pattern is obtained when the criterion is evaluated. */
    sealed interface PatternSource {
    }

    /**
     * A pattern used as written (StackStorm renders it too, which leaves it unchanged).
     *
     * @param value    the pattern, plain data
     * @param regex    the compiled regular expression for the regex operators, or null
     * @param wildcard the compiled wildcard for {@code matchwildcard}, or null
     */
    record Literal(Object value, PyRegex regex, Pattern wildcard) implements PatternSource {
    }

    /**
     * A pattern with Jinja markup, rendered at every evaluation.
     *
     * @param template the template as written
     * @param complex  the template with {@code | to_complex} added to its expression, whose output
     *                 is JSON-decoded when it decodes; null when the pattern has no {@code {{…}}}
     */
    record Rendered(Template template, Template complex) implements PatternSource {
    }
}
