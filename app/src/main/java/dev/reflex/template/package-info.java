/**
 * Jinja rendering for rule criteria, action parameters and notifications, compatible with the way
 * StackStorm renders them.
 *
 * <p>This package owns the template engine ({@link dev.reflex.template.TemplateEngine}, Jinjava in
 * strict mode: an undefined variable is an error, never an empty string), the StackStorm custom
 * filters ({@code to_json_string}, {@code regex_replace}, {@code version_compare}…), and the small
 * pieces of Python semantics that StackStorm-compatible behaviour depends on: how values print
 * ({@link dev.reflex.template.PyRepr}), how JSON is written and read ({@link dev.reflex.template.PyJson}),
 * Python regular expressions ({@link dev.reflex.template.PyRegex}) and {@code jsonpath_rw} paths
 * ({@link dev.reflex.template.JsonPath}).
 *
 * <p>Template contexts hold plain data only: {@code Map}, {@code List}, {@code String}, numbers,
 * booleans and null; Jinjava cannot read records. JSON null is presented to templates as
 * {@link dev.reflex.template.PyNone}, so that {@code {{ x }}} of a null prints {@code None} as in
 * StackStorm instead of failing as undefined.
 *
 * <p>Filters are registered by name on the engine; safe shell quoting ({@code shell_quote}), which
 * the actions work needs, is to be added as one more {@link dev.reflex.template.TemplateFilter}
 * passed to {@link dev.reflex.template.TemplateEngine#TemplateEngine(java.util.Map)}.
 */
package dev.reflex.template;
