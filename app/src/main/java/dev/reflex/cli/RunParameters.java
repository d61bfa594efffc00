package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.api.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code k=v} words into parameters as {@code st2 run} does: the value is text, except that a
 * parameter the action declares as {@code array} is split on commas (or read as JSON when it starts
 * with {@code [}) and an {@code object} one is read as JSON; the server casts the rest.
 */
final class RunParameters {

    private RunParameters() {
    }

    static Map<String, Object> parse(List<String> words, JsonNode action) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new CliException("parameters are given as name=value, got '" + word + "'");
            }
            String name = word.substring(0, eq);
            String value = word.substring(eq + 1);
            String type = action == null ? "" : action.at("/parameters/" + name + "/type").asText("");
            out.put(name, switch (type) {
                case "array" -> value.startsWith("[") ? json(name, value) : split(value);
                case "object" -> json(name, value);
                default -> value;
            });
        }
        return out;
    }

    private static List<String> split(String value) {
        List<String> items = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                items.add(part.trim());
            }
        }
        return items;
    }

    private static Object json(String name, String value) {
        try {
            return Json.mapper().readValue(value, Object.class);
        } catch (IOException e) {
            throw new CliException("parameter " + name + " must be JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
