package dev.reflex.actions;

import dev.reflex.config.Format;
import dev.reflex.config.ObjectReader;
import dev.reflex.config.Value;
import dev.reflex.template.Template;
import dev.reflex.template.TemplateEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Reads action metadata in StackStorm's format from the located tree of a YAML or JSON file (or an
 * API body), reporting every problem with its {@code file:line:col}: unknown fields (StackStorm's
 * schema allows none), missing {@code name} or {@code runner_type}, parameter names that are not
 * {@code ^\w+$}, unknown types, flags that are not booleans, and defaults whose Jinja does not compile.
 */
public final class ActionFormat {

    private static final Pattern NAME = Pattern.compile("^\\w+$");
    private static final Pattern ACTION_NAME = Pattern.compile("^[^.\\s]+$");
    private static final List<String> SCHEMA_KEYS = List.of("type", "description", "default", "required", "secret",
            "immutable", "position", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
            "maxLength", "pattern", "items", "properties", "additionalProperties", "patternProperties", "minItems",
            "maxItems", "uniqueItems", "format", "title", "dependencies", "oneOf", "anyOf", "allOf", "not",
            "minProperties", "maxProperties", "multipleOf", "$schema", "id");

    private final TemplateEngine templates;

    /** A reader that compiles parameter defaults with {@code templates}. */
    public ActionFormat(TemplateEngine templates) {
        this.templates = templates;
    }

    /**
     * The format of one metadata file of a pack.
     *
     * @param pack         the pack's ref; a different {@code pack} in the file is reported as a warning
     * @param actionsDir   the pack's {@code actions/} folder, for the entry point, if on disk
     * @param metadataFile the file's path inside the pack, as StackStorm records it
     */
    public Format<Action> inPack(String pack, Optional<Path> actionsDir, String metadataFile) {
        return Format.object(o -> read(o, pack, actionsDir, metadataFile));
    }

    /** The format of an action sent to the API, which must name its pack. */
    public Format<Action> fromApi() {
        return Format.object(o -> read(o, null, Optional.empty(), ""));
    }

    private Action read(ObjectReader o, String pack, Optional<Path> actionsDir, String metadataFile) {
        String name = o.required("name").matching(ACTION_NAME, "an action name has no dots or spaces").string();
        String runner = o.required("runner_type").string();
        String description = o.optional("description").string("");
        boolean enabled = o.optional("enabled").bool(true);
        String entryPoint = o.optional("entry_point").string("");
        String declaredPack = o.optional("pack").string();
        o.known("ref", "uid", "id", "metadata_file");
        Map<String, ParameterSchema> parameters = o.optional("parameters").map(v -> parameter(v));
        Map<String, Object> outputSchema = o.optional("output_schema").plainMap();
        Object tags = o.optional("tags").plain();
        Value notifyValue = o.optional("notify");
        Map<String, Object> notify = notifyValue.plainMap();
        notify.keySet().forEach(k -> {
            if (!List.of("on-complete", "on-success", "on-failure").contains(k)) {
                notifyValue.error("unknown notify section '" + k + "'; expected on-complete, on-success or on-failure");
            }
        });
        String effectivePack = pack;
        if (pack == null) {
            if (declaredPack == null || declaredPack.isBlank()) {
                o.error("missing required field 'pack'");
                return null;
            }
            effectivePack = declaredPack;
        } else if (declaredPack != null && !declaredPack.equals(pack)) {
            o.warning("the file says pack '" + declaredPack + "' but it is in pack '" + pack + "'; '" + pack + "' is used");
        }
        if (name == null || runner == null) {
            return null;
        }
        List<Object> tagList = tags instanceof List<?> l ? new ArrayList<>(l) : List.of();
        if (tags != null && !(tags instanceof List<?>)) {
            o.optional("tags").error("'tags' must be a list");
        }
        return new Action(effectivePack, name, runner, description, enabled, entryPoint, List.copyOf(parameters.values()),
                outputSchema, tagList, notify, metadataFile, actionsDir);
    }

    private ParameterSchema parameter(Value v) {
        String name = v.path().substring(v.path().lastIndexOf('/') + 1);
        if (!NAME.matcher(name).matches()) {
            v.error("parameter name '" + name + "' must match ^\\w+$");
            return null;
        }
        return v.object(o -> {
            o.warnUnknownFields();
            o.known(SCHEMA_KEYS.toArray(String[]::new));
            Map<String, Object> declaration = new LinkedHashMap<>(o.node().toPlain());
            ParameterType type = type(o);
            boolean required = o.optional("required").bool(false);
            boolean secret = o.optional("secret").bool(false);
            boolean immutable = o.optional("immutable").bool(false);
            OptionalInt position = OptionalInt.empty();
            if (o.has("position")) {
                position = OptionalInt.of(o.optional("position").intValue(0, 0, 1000));
            }
            Object def = declaration.get("default");
            compileTemplates(o.optional("default"), def);
            if (o.has("enum") && !(declaration.get("enum") instanceof List<?>)) {
                o.optional("enum").error("'enum' must be a list of allowed values");
            }
            if (o.has("pattern")) {
                String regex = o.optional("pattern").string();
                if (regex != null) {
                    try {
                        Pattern.compile(regex);
                    } catch (java.util.regex.PatternSyntaxException e) {
                        o.optional("pattern").error("'pattern' is not a valid regular expression: " + e.getDescription());
                    }
                }
            }
            String description = declaration.get("description") instanceof String s ? s : "";
            ParameterSpec spec = new ParameterSpec(name, type, description, Optional.ofNullable(def), required, secret,
                    immutable, position);
            return new ParameterSchema(spec, declaration);
        });
    }

    private static ParameterType type(ObjectReader o) {
        Value t = o.optional("type");
        Object raw = t.plain();
        if (raw == null) {
            return ParameterType.UNSPECIFIED;
        }
        List<String> names = new ArrayList<>();
        if (raw instanceof String s) {
            names.add(s);
        } else if (raw instanceof List<?> l) {
            l.forEach(x -> names.add(String.valueOf(x)));
        } else {
            t.error("'type' must be one of array, boolean, integer, null, number, object, string");
            return ParameterType.UNSPECIFIED;
        }
        ParameterType first = null;
        for (String n : names) {
            Optional<ParameterType> pt = ParameterType.fromSchemaName(n);
            if (pt.isEmpty()) {
                t.error("unknown type '" + n + "'; expected one of array, boolean, integer, null, number, object, string");
            } else if (first == null && (pt.get() != ParameterType.NULL || names.size() == 1)) {
                first = pt.get();
            }
        }
        return first == null ? ParameterType.UNSPECIFIED : first;
    }

    private void compileTemplates(Value where, Object value) {
        switch (value) {
            case String s when Template.hasMarkup(s) -> {
                List<String> problems = templates.problems(s);
                problems.forEach(p -> where.error("the default's template does not compile: " + p));
            }
            case Map<?, ?> m -> m.values().forEach(x -> compileTemplates(where, x));
            case List<?> l -> l.forEach(x -> compileTemplates(where, x));
            case null, default -> { }
        }
    }
}
