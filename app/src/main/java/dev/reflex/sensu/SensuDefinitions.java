package dev.reflex.sensu;

import dev.reflex.checks.DeepMerge;
import dev.reflex.checks.JsonValues;
import dev.reflex.checks.Parsed;
import dev.reflex.checks.SensuSettings;
import dev.reflex.checks.SettingsParser;
import dev.reflex.config.ConfigProblem;
import dev.reflex.config.Node;
import dev.reflex.config.ParsedFile;
import dev.reflex.config.StrictLoader;
import dev.reflex.packs.Pack;
import dev.reflex.packs.PackFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the server's Sensu definitions come from, read through the strict loader (every problem with
 * {@code file:line:col}, a bad file never stopping the others) and deep-merged in this order:
 *
 * <ol>
 *   <li>Sensu's own layout in the data directory: {@code sensu/config.json}, then every JSON or YAML
 *       file under {@code sensu/conf.d/}, in path order;</li>
 *   <li>each pack's {@code checks/} and {@code handlers/} files, YAML or JSON, holding either Sensu's
 *       shape ({@code {"checks": {…}}}, {@code {"handlers": {…}, "filters": {…}, "mutators": {…}}}) or
 *       just the definitions by name (then they are checks in {@code checks/}, handlers in
 *       {@code handlers/}).</li>
 * </ol>
 */
public final class SensuDefinitions {

    private SensuDefinitions() {
    }

    /** The Sensu-layout directory inside a data directory. */
    public static Path layoutDir(Path dataDir) {
        return dataDir.resolve("sensu");
    }

    /** Loads every definition; problems name the file, line and column. */
    public static Parsed<SensuSettings> load(Path dataDir, List<Pack> packs) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Object> merged = new LinkedHashMap<>();
        List<ParsedFile> files = new ArrayList<>();
        Path layout = layoutDir(dataDir);
        List<Path> sensuFiles = new ArrayList<>();
        if (Files.isRegularFile(layout.resolve("config.json"))) {
            sensuFiles.add(layout.resolve("config.json"));
        }
        if (Files.isDirectory(layout.resolve("conf.d"))) {
            try (Stream<Path> walk = Files.walk(layout.resolve("conf.d"))) {
                walk.filter(Files::isRegularFile).filter(SensuDefinitions::configFile).sorted().forEach(sensuFiles::add);
            } catch (java.io.IOException e) {
                problems.add(ConfigProblem.ofFile(layout.resolve("conf.d").toString(), "cannot list: " + e.getMessage()));
            }
        }
        for (Path f : sensuFiles) {
            merged = merge(merged, StrictLoader.parse(f), null, files, problems);
        }
        for (Pack pack : packs) {
            for (String folder : List.of("checks", "handlers")) {
                for (PackFile f : pack.files(folder)) {
                    if (f.topLevel() && configFile(f.path())) {
                        merged = merge(merged, StrictLoader.parse(f.path(), f.label()), folder, files, problems);
                    }
                }
            }
        }
        Parsed<SensuSettings> parsed = SettingsParser.parse(merged, "<sensu definitions>");
        for (ConfigProblem p : parsed.problems()) {
            problems.add(locate(p, files));
        }
        return new Parsed<>(parsed.value(), problems);
    }

    /**
     * Loads and validates one pack file of {@code checks/} or {@code handlers/} on its own, as
     * {@code reflex validate} does; every problem has the file's line and column.
     */
    public static dev.reflex.config.LoadResult<SensuSettings> loadPackFile(PackFile file, String folder) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<ParsedFile> files = new ArrayList<>();
        ParsedFile parsed = StrictLoader.parse(file.path(), file.label());
        Map<String, Object> doc = merge(new LinkedHashMap<>(), parsed, folder, files, problems);
        if (!problems.isEmpty()) {
            return dev.reflex.config.LoadResult.failed(problems);
        }
        Parsed<SensuSettings> settings = SettingsParser.parse(doc, file.label());
        for (ConfigProblem p : settings.problems()) {
            problems.add(locate(p, files));
        }
        return problems.isEmpty()
                ? new dev.reflex.config.LoadResult<>(List.of(new dev.reflex.config.Loaded<>(file.label(), settings.value())),
                        List.of(), List.of())
                : dev.reflex.config.LoadResult.failed(problems);
    }

    private static boolean configFile(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml");
    }

    private static Map<String, Object> merge(Map<String, Object> merged, ParsedFile file, String packFolder,
            List<ParsedFile> files, List<ConfigProblem> problems) {
        problems.addAll(file.problems());
        if (!file.ok() || file.root() == null) {
            return merged;
        }
        if (!(file.root() instanceof Node.MapNode map)) {
            problems.add(new ConfigProblem(file.file(), file.root().location().line(), file.root().location().column(), "",
                    "a definitions file must hold a map, not " + file.root().kind()));
            return merged;
        }
        Map<String, Object> doc = map.toPlain();
        if (packFolder != null && !sensuShaped(doc)) {
            doc = Map.of(packFolder, doc);
        }
        files.add(file);
        return DeepMerge.merge(merged, JsonValues.deepCopyMap(doc));
    }

    private static boolean sensuShaped(Map<String, Object> doc) {
        for (String key : List.of("checks", "handlers", "filters", "mutators", "client", "sensu")) {
            if (doc.containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    /** Points a problem found in the merged document at the last file that set its attribute. */
    private static ConfigProblem locate(ConfigProblem p, List<ParsedFile> files) {
        String[] parts = p.path().isEmpty() ? new String[0] : p.path().substring(1).split("/");
        for (int depth = parts.length; depth > 0; depth--) {
            for (int i = files.size() - 1; i >= 0; i--) {
                Node n = files.get(i).root();
                int start = n instanceof Node.MapNode m && parts.length > 0 && m.members().get(parts[0]) == null ? 1 : 0;
                for (int d = start; d < depth && n != null; d++) {
                    n = n instanceof Node.MapNode m && m.members().get(unescape(parts[d])) != null
                            ? m.members().get(unescape(parts[d])).value() : null;
                }
                if (n != null) {
                    return new ConfigProblem(files.get(i).file(), n.location().line(), n.location().column(), p.path(),
                            p.message());
                }
            }
        }
        return new ConfigProblem(files.isEmpty() ? "<sensu definitions>" : files.get(files.size() - 1).file(), 0, 0,
                p.path(), p.message());
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }
}
