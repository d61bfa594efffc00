package dev.reflex.checks;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.config.ConfigProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads Sensu settings the way Sensu does: {@code config.json} first, then every {@code *.json}
 * under {@code conf.d} (recursively, in path order), each deep-merged over the previous ones
 * (objects merged, arrays concatenated without duplicates, anything else replaced), and the merged
 * document validated as a whole.
 *
 * <p>A file that cannot be read or parsed is reported (with line and column for syntax errors) and
 * skipped; the others still load. An empty file counts as {@code {}}. Each validation problem names
 * the last file that set the attribute it is about.
 */
public final class SettingsLoader {

    private SettingsLoader() {
    }

    /** Loads {@code configFile} (if it exists) then every JSON file under {@code confDir} (if it exists). */
    public static Parsed<SensuSettings> loadSensuLayout(Path configFile, Path confDir) {
        List<Path> files = new ArrayList<>();
        if (configFile != null && Files.isRegularFile(configFile)) {
            files.add(configFile);
        }
        if (confDir != null && Files.isDirectory(confDir)) {
            files.addAll(jsonFilesUnder(confDir));
        }
        return load(files);
    }

    /** Every {@code *.json} file under a directory, recursively, sorted by path. */
    public static List<Path> jsonFilesUnder(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json"))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Loads, merges in order and validates the given files. */
    public static Parsed<SensuSettings> load(List<Path> files) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> documents = new ArrayList<>();
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.toString();
            JsonNode node;
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8).replace("\uFEFF", "").strip();
                node = text.isEmpty() ? JsonValues.mapper().createObjectNode() : JsonValues.mapper().readTree(text);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                problems.add(new ConfigProblem(name, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                        "", "not valid JSON: " + e.getOriginalMessage()));
                continue;
            } catch (IOException e) {
                problems.add(ConfigProblem.ofFile(name, "cannot read the file: " + e.getMessage()));
                continue;
            }
            if (!node.isObject()) {
                problems.add(ConfigProblem.ofFile(name, "a settings file must hold a JSON object"));
                continue;
            }
            documents.add(Map.entry(name, node));
            merged = DeepMerge.merge(merged, JsonValues.asMap(JsonValues.toJava(node)));
        }
        String label = documents.isEmpty() ? "<no settings files>" : documents.get(documents.size() - 1).getKey();
        Parsed<SensuSettings> parsed = SettingsParser.parse(merged, label);
        for (ConfigProblem p : parsed.problems()) {
            problems.add(new ConfigProblem(origin(documents, p.path(), label), 0, 0, p.path(), p.message()));
        }
        return new Parsed<>(parsed.value(), problems);
    }

    /** The last document that holds {@code pointer} (or its nearest parent). */
    private static String origin(List<Map.Entry<String, JsonNode>> documents, String pointer, String fallback) {
        String p = pointer;
        while (!p.isEmpty()) {
            for (int i = documents.size() - 1; i >= 0; i--) {
                if (!documents.get(i).getValue().at(p).isMissingNode()) {
                    return documents.get(i).getKey();
                }
            }
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? "" : p.substring(0, slash);
        }
        return fallback;
    }
}
