package dev.reflex.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the OpenAPI 3.1 document from the declared {@link Routes}: it lists exactly what is served. */
final class OpenApi {

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    private OpenApi() {
    }

    static Map<String, Object> document(String version, List<Routes.Route> routes) {
        Map<String, Object> paths = new TreeMap<>();
        for (Routes.Route r : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("summary", r.summary());
            op.put("operationId", operationId(r));
            List<Object> params = new ArrayList<>();
            Matcher m = PARAM.matcher(r.path());
            while (m.find()) {
                params.add(Map.of("name", m.group(1), "in", "path", "required", true,
                        "schema", Map.of("type", "string")));
            }
            if (!params.isEmpty()) {
                op.put("parameters", params);
            }
            if (r.access() == Access.PUBLIC) {
                op.put("security", List.of());
            } else if (r.access() == Access.ADMIN) {
                op.put("description", "Requires an admin API key.");
            }
            Map<String, Object> responses = new LinkedHashMap<>();
            responses.put("default", Map.of("description", "An error, as application/problem+json.",
                    "content", Map.of(Problem.MEDIA_TYPE, Map.of("schema", Map.of("$ref", "#/components/schemas/Problem")))));
            responses.put(r.method().name().equals("DELETE") ? "204" : "200", Map.of("description", "Success."));
            op.put("responses", responses);
            item.put(r.method().name().toLowerCase(Locale.ROOT), op);
        }
        Map<String, Object> problem = Map.of("type", "object", "properties", Map.of(
                "type", Map.of("type", "string"), "title", Map.of("type", "string"),
                "status", Map.of("type", "integer"), "detail", Map.of("type", "string"),
                "instance", Map.of("type", "string"),
                "errors", Map.of("type", "array", "items", Map.of("type", "string"))));
        Map<String, Object> schemes = new LinkedHashMap<>();
        schemes.put("St2ApiKey", Map.of("type", "apiKey", "in", "header", "name", "St2-Api-Key"));
        schemes.put("XAuthToken", Map.of("type", "apiKey", "in", "header", "name", "X-Auth-Token"));
        schemes.put("Bearer", Map.of("type", "http", "scheme", "bearer"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Reflex API", "version", version,
                "description", "Reflex's HTTP API. Errors are application/problem+json documents."));
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", Map.of("Problem", problem), "securitySchemes", schemes));
        doc.put("security", List.of(Map.of("St2ApiKey", List.of()), Map.of("XAuthToken", List.of()),
                Map.of("Bearer", List.of())));
        return doc;
    }

    private static String operationId(Routes.Route r) {
        StringBuilder b = new StringBuilder(r.method().name().toLowerCase(Locale.ROOT));
        for (String part : r.path().split("/")) {
            String clean = part.replaceAll("[^A-Za-z0-9]", "");
            if (clean.isEmpty() || clean.equals("api") || clean.equals("v1")) {
                continue;
            }
            b.append(Character.toUpperCase(clean.charAt(0))).append(clean.substring(1));
        }
        return b.toString();
    }
}
