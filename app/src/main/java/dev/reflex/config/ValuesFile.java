package dev.reflex.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The values file that fills {@code @@KEY@@} tokens: one flat YAML or JSON map from key to text, a
 * number or a boolean (numbers keep the text they were written with).
 */
final class ValuesFile {

    /** The format of a values file. */
    static final Format<Map<String, String>> FORMAT = root -> root.isPresent() ? root.map(v -> v.text("")) : Map.of();

    /**
     * Where the values file is and who named it.
     *
     * @param file    the file
     * @param namedAt the setting or option that named it, for "not found" errors
     */
    record Source(Path file, Location namedAt) {
    }

    private ValuesFile() {
    }

    /**
     * The values (an empty map when there is no values file), or null when the values file is missing
     * or has errors, which are reported.
     */
    static Map<String, String> load(Source source, List<Path> files, Problems problems) {
        if (source == null) {
            return Map.of();
        }
        if (!Files.isRegularFile(source.file())) {
            problems.error(source.namedAt(), "", "values file not found: " + source.file());
            return null;
        }
        files.add(source.file());
        LoadResult<Map<String, String>> result = StrictLoader.load(source.file(), FORMAT);
        problems.addAll(result);
        if (result.hasErrors()) {
            return null;
        }
        return result.ok().isEmpty() ? Map.of() : result.ok().getFirst().value();
    }
}
