package dev.reflex.template;

import java.util.Objects;

/**
 * A template whose syntax has been checked by {@link TemplateEngine#compile(String)}.
 *
 * @param source the template text
 * @param literal whether the text has no Jinja markup at all ({@code {{}, {@code {%}, {@code {#})
 */
public record Template(String source, boolean literal) {

    public Template {
        Objects.requireNonNull(source, "source");
    }

    /** Whether a string contains Jinja markup and so needs rendering. */
    public static boolean hasMarkup(String text) {
        return text != null && (text.contains("{{") || text.contains("{%") || text.contains("{#"));
    }

    @Override
    public String toString() {
        return source;
    }
}
