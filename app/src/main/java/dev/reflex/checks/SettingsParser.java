package dev.reflex.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a Sensu settings document (one file, or several already deep-merged) into
 * {@link SensuSettings}, validating every definition with Sensu's rules.
 *
 * <p>This is the seam the strict located loader plugs into: it hands over a Jackson tree and the
 * document's name, and gets back the settings built from every valid definition plus every problem
 * with its JSON-pointer path. A definition with problems is left out; the others load.
 *
 * <p>Sensu's defaults are merged under the document first: {@code sensu.spawn.limit} 12 and
 * {@code sensu.keepalives.thresholds} warning 120 / critical 180. The {@code client} section is
 * validated when present (it is the agent's own definition). Sections Reflex does not use (such as
 * {@code api}, {@code transport} or {@code redis}) are kept in {@link SensuSettings#document()}.
 */
public final class SettingsParser {

    /** The sections holding named definitions. */
    public static final List<String> CATEGORIES = List.of("checks", "filters", "mutators", "handlers", "extensions");

    private SettingsParser() {
    }

    /** Sensu's default settings, merged under every document. */
    public static Map<String, Object> defaults() {
        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("warning", 120L);
        thresholds.put("critical", 180L);
        Map<String, Object> keepalives = new LinkedHashMap<>();
        keepalives.put("thresholds", thresholds);
        Map<String, Object> spawn = new LinkedHashMap<>();
        spawn.put("limit", 12L);
        Map<String, Object> sensu = new LinkedHashMap<>();
        sensu.put("spawn", spawn);
        sensu.put("keepalives", keepalives);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sensu", sensu);
        for (String category : CATEGORIES) {
            doc.put(category, new LinkedHashMap<String, Object>());
        }
        return doc;
    }

    /**
     * Parses a settings document given as a Jackson tree.
     *
     * @param document the document's root, which must be an object
     * @param source   the document's name, used in every problem
     */
    public static Parsed<SensuSettings> parse(JsonNode document, String source) {
        Object value = JsonValues.toJava(document);
        if (!(value instanceof Map<?, ?>)) {
            Problems p = new Problems(source);
            p.add("", "a settings document must be a JSON object");
            return new Parsed<>(parse(Map.of(), source).value(), p.list());
        }
        return parse(JsonValues.asMap(value), source);
    }

    /** Parses a settings document given as plain Java values. */
    public static Parsed<SensuSettings> parse(Map<String, Object> document, String source) {
        Problems p = new Problems(source);
        Map<String, Object> merged = DeepMerge.merge(defaults(), document);

        ClientValidator.validateSensu(merged.get("sensu"), "/sensu", p);
        Map<String, CheckDefinition> checks = new LinkedHashMap<>();
        Map<String, HandlerDefinition> handlers = new LinkedHashMap<>();
        Map<String, FilterDefinition> filters = new LinkedHashMap<>();
        Map<String, MutatorDefinition> mutators = new LinkedHashMap<>();
        for (String category : CATEGORIES) {
            Object section = merged.get(category);
            String base = "/" + category;
            if (!(section instanceof Map<?, ?> defs)) {
                p.add(base, category + " must be an object of named definitions");
                continue;
            }
            for (Map.Entry<?, ?> e : defs.entrySet()) {
                String name = String.valueOf(e.getKey());
                String path = base + "/" + JsonValues.escapePointer(name);
                if (!(e.getValue() instanceof Map<?, ?>)) {
                    p.add(path, category.substring(0, category.length() - 1) + " definition must be an object");
                    continue;
                }
                Map<String, Object> definition = new LinkedHashMap<>(JsonValues.asMap(e.getValue()));
                definition.put("name", name);
                int before = p.count();
                switch (category) {
                    case "checks" -> {
                        CheckValidator.validateDefinition(definition, path, p);
                        if (p.count() == before) {
                            checks.put(name, CheckDefinition.from(name, JsonValues.asMap(e.getValue())));
                        }
                    }
                    case "handlers" -> {
                        HandlerValidator.validateHandler(definition, path, p);
                        if (p.count() == before) {
                            handlers.put(name, HandlerDefinition.from(name, JsonValues.asMap(e.getValue())));
                        }
                    }
                    case "filters" -> {
                        HandlerValidator.validateFilter(definition, path, p);
                        if (p.count() == before) {
                            filters.put(name, FilterDefinition.from(name, JsonValues.asMap(e.getValue())));
                        }
                    }
                    case "mutators" -> {
                        HandlerValidator.validateMutator(definition, path, p);
                        if (p.count() == before) {
                            mutators.put(name, MutatorDefinition.from(name, JsonValues.asMap(e.getValue())));
                        }
                    }
                    default -> {
                        // extensions are Ruby code in Sensu; Reflex keeps their settings but runs none
                    }
                }
            }
        }
        Optional<ClientDefinition> client = Optional.empty();
        Object clientSection = merged.get("client");
        if (clientSection != null && !(clientSection instanceof Map<?, ?> m && m.isEmpty())) {
            int before = p.count();
            ClientValidator.validate(clientSection, "/client", p);
            if (p.count() == before) {
                client = Optional.of(ClientDefinition.from(JsonValues.asMap(clientSection)));
            }
        }
        Map<String, Object> sensu = JsonValues.asMap(merged.get("sensu"));
        Map<String, Object> keepalives = sensu == null ? null : JsonValues.asMap(sensu.get("keepalives"));
        Map<String, Object> spawn = sensu == null ? null : JsonValues.asMap(sensu.get("spawn"));
        Integer limit = spawn == null ? null : JsonValues.asInt(spawn.get("limit"));
        SensuSettings settings = new SensuSettings(checks, handlers, filters, mutators, client,
                keepalives == null ? Map.of() : keepalives, limit == null || limit < 1 ? 12 : limit, merged);
        return new Parsed<>(settings, p.list());
    }
}
