package dev.reflex.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads request bodies: JSON by default, YAML when the content type says so. A malformed body is a
 * 400 whose detail names the line and column and what was wrong; it never reaches a handler.
 */
public final class Bodies {

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private Bodies() {
    }

    /** The body as a tree, which must be a JSON/YAML object. */
    public static ObjectNode object(Context ctx) {
        return object(ctx.body(), ctx.contentType());
    }

    /** A body already read as text, of the given content type (null: JSON), which must be a JSON/YAML object. */
    public static ObjectNode object(String body, String contentType) {
        JsonNode node = tree(body, contentType);
        if (!(node instanceof ObjectNode o)) {
            throw ApiException.badRequest("the request body must be a JSON object, not " + describe(node));
        }
        return o;
    }

    /** The body as a tree of any shape; an empty body is a 400. */
    public static JsonNode tree(Context ctx) {
        return tree(ctx.body(), ctx.contentType());
    }

    private static JsonNode tree(String body, String contentType) {
        if (body.isBlank()) {
            throw ApiException.badRequest("the request body is empty; a JSON document is expected");
        }
        boolean yaml = isYaml(contentType);
        try {
            JsonNode n = (yaml ? YAML : Json.mapper()).readTree(body);
            if (n == null || n.isMissingNode()) {
                throw ApiException.badRequest("the request body holds no document");
            }
            return n;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw ApiException.badRequest("malformed " + (yaml ? "YAML" : "JSON") + " in the request body" + where
                    + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable request body: " + e.getMessage());
        }
    }

    static boolean isYaml(String contentType) {
        if (contentType == null) {
            return false;
        }
        String ct = contentType.toLowerCase(Locale.ROOT);
        return ct.startsWith("application/yaml") || ct.startsWith("application/x-yaml") || ct.startsWith("text/yaml")
                || ct.startsWith("text/x-yaml");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String describe(JsonNode n) {
        if (n.isArray()) {
            return "an array";
        }
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        if (n.isNull()) {
            return "null";
        }
        return n.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
