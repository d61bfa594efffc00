package dev.reflex.template;

import com.hubspot.jinjava.tree.Node;
import java.util.Objects;

/**
 * A template whose syntax has been checked by {@link TemplateEngine#compile(String)}.
 *
 * <p>A compiled template keeps the tree Jinjava parsed from its text, so rendering it does not parse
 * it again. Two templates are equal when their text and {@link #literal()} are.
 */
public final class Template {

    private final String source;
    private final boolean literal;
    private final Node parsed;
    private final String[] variablePath;

    /**
     * A template that is parsed when it is rendered.
     *
     * @param source the template text
     * @param literal whether the text has no Jinja markup at all ({@code {{}, {@code {%}, {@code {#})
     */
    public Template(String source, boolean literal) {
        this(source, literal, null);
    }

    Template(String source, boolean literal, Node parsed) {
        this.source = Objects.requireNonNull(source, "source");
        this.literal = literal;
        this.parsed = parsed;
        this.variablePath = literal ? null : LoneVariable.path(source);
    }

    /** The template text. */
    public String source() {
        return source;
    }

    /** Whether the text has no Jinja markup at all ({@code {{}, {@code {%}, {@code {#}). */
    public boolean literal() {
        return literal;
    }

    /** The tree parsed at compile time, or null when the text is rendered the slow way. */
    Node parsed() {
        return parsed;
    }

    /**
     * The names of the text's one variable when the whole text is {@code {{ a.b.c }}} (see
     * {@link LoneVariable}), else null.
     */
    String[] variablePath() {
        return variablePath;
    }

    /** Whether a string contains Jinja markup and so needs rendering. */
    public static boolean hasMarkup(String text) {
        return text != null && (text.contains("{{") || text.contains("{%") || text.contains("{#"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Template t && t.literal == literal && t.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode() * 31 + Boolean.hashCode(literal);
    }

    @Override
    public String toString() {
        return source;
    }
}
