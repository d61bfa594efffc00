package dev.reflex.template;

import com.hubspot.jinjava.util.HasObjectTruthValue;

/**
 * Python's {@code None} as seen by templates: a JSON null inside a template context.
 *
 * <p>Jinjava in strict mode treats a Java null as an undefined variable; StackStorm (Jinja2 with
 * {@code StrictUndefined}) treats a key whose value is null as defined and prints {@code None}.
 * Template contexts therefore carry this marker in place of null. It is false in a condition,
 * prints as {@code None}, and {@link TemplateValues#unwrap(Object)} turns it back into null.
 */
public final class PyNone implements HasObjectTruthValue {

    /** The one instance. */
    public static final PyNone NONE = new PyNone();

    private PyNone() {
    }

    @Override
    public boolean getObjectTruthValue() {
        return false;
    }

    @Override
    public String toString() {
        return "None";
    }
}
