package dev.reflex.packs;

import dev.reflex.config.ConfigProblem;
import dev.reflex.config.LoadResult;
import dev.reflex.config.Location;
import dev.reflex.config.ParsedFile;
import dev.reflex.config.Problems;
import dev.reflex.config.SourceFormat;
import dev.reflex.config.StrictLoader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Loads and validates the content files of packs with the registered {@link PackContentType}s. A YAML
 * or JSON file that no type reads is still parsed by the strict loader (syntax errors, duplicate
 * keys); other files (scripts) are left alone.
 */
public final class PackContent {

    private final PackContentTypes types;

    /** Content validation with the given types. */
    public PackContent(PackContentTypes types) {
        this.types = types;
    }

    /**
     * What validating the content of some packs found.
     *
     * @param files    how many YAML/JSON files were read
     * @param problems every error
     * @param warnings every warning
     */
    public record Validation(int files, List<ConfigProblem> problems, List<ConfigProblem> warnings) {
        public Validation {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }
    }

    /** Validates every content file of the packs; a bad file never stops the others. */
    public Validation validate(Collection<Pack> packs) {
        Problems problems = new Problems();
        int files = 0;
        for (Pack pack : packs) {
            for (List<PackFile> folderFiles : pack.content().values()) {
                for (PackFile file : folderFiles) {
                    Optional<PackContentType<?>> type = types.forFolder(file.folder()).filter(t -> t.accepts(file));
                    if (type.isPresent()) {
                        files++;
                        problems.addAll(loadSafely(type.get(), pack, file));
                    } else if (SourceFormat.isConfigFileName(file.name())) {
                        files++;
                        ParsedFile parsed = StrictLoader.parse(file.path(), file.label());
                        problems.addErrors(parsed.problems());
                    }
                }
            }
        }
        return new Validation(files, problems.errors(), problems.warnings());
    }

    /** Loads one kind of content from every pack: the good files, and every problem of the bad ones. */
    public static <T> LoadResult<T> load(Collection<Pack> packs, PackContentType<T> type) {
        List<LoadResult<T>> results = new ArrayList<>();
        for (Pack pack : packs) {
            for (PackFile file : pack.files(type.folder())) {
                if (type.accepts(file)) {
                    results.add(loadSafely(type, pack, file));
                }
            }
        }
        return LoadResult.concat(results);
    }

    private static <T> LoadResult<T> loadSafely(PackContentType<T> type, Pack pack, PackFile file) {
        try {
            return type.load(pack, file);
        } catch (RuntimeException e) {
            return LoadResult.failed(List.of(Location.of(file.label()).problem("", "could not be loaded: " + e)));
        }
    }
}
