package dev.reflex.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The YAML/JSON test corpora under {@code src/test/resources/config/{valid,invalid}/<kind>/}. An invalid
 * file states the problems it must produce, exactly and in order, in comment lines at its top:
 * {@code # expect: LINE:COL: message (at /path)} (or {@code # warning: …} for warnings); a JSON file,
 * which cannot hold comments, states them in a sibling file with the extension {@code .expect}.
 */
public final class Corpus {

    private Corpus() {
    }

    /** The files of one corpus folder, such as {@code invalid/reflex}, sorted by name. */
    public static List<Path> files(String folder) {
        try {
            Path dir = Path.of(Corpus.class.getResource("/config/" + folder).toURI());
            try (Stream<Path> s = Files.list(dir)) {
                return s.filter(p -> SourceFormat.isConfigFileName(p.getFileName().toString())).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The expected errors of a corpus file, each as {@code LINE:COL: message (at /path)}. */
    public static List<String> expectedErrors(Path file) {
        return expectations(file, "# expect: ");
    }

    /** The expected warnings of a corpus file. */
    public static List<String> expectedWarnings(Path file) {
        return expectations(file, "# warning: ");
    }

    /** Problems printed without their file name, the way expectations are written. */
    public static List<String> withoutFile(List<ConfigProblem> problems) {
        return problems.stream().map(p -> p.toString().substring(p.file().length() + 1).strip()).toList();
    }

    private static List<String> expectations(Path file, String prefix) {
        try {
            Path sidecar = file.resolveSibling(file.getFileName() + ".expect");
            List<String> lines = Files.readAllLines(Files.exists(sidecar) ? sidecar : file);
            List<String> out = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith(prefix)) {
                    out.add(line.substring(prefix.length()).strip());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
