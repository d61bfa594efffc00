package dev.reflex.packs;

import dev.reflex.config.Format;
import dev.reflex.config.LoadResult;
import dev.reflex.config.SourceFormat;
import dev.reflex.config.StrictLoader;
import java.util.function.Function;

/**
 * One kind of pack content (rules, actions, checks…): which folder it lives in, which files of that
 * folder it reads, and how to load and validate one of them. Later features implement it for their
 * formats and register it in {@link PackContentTypes#standard()}; files of a content folder that no
 * type reads are still parsed by the strict loader, so syntax errors and duplicate keys are found.
 *
 * <pre>{@code
 * PackContentType<Rule> RULES = PackContentType.of("rules", pack -> RuleFormat.inPack(pack.ref()));
 * }</pre>
 *
 * @param <T> what one file produces
 */
public interface PackContentType<T> {

    /** The content folder, such as {@code rules}. */
    String folder();

    /**
     * Whether this type reads a file of its folder; by default the YAML and JSON files directly in it
     * (not those in sub-folders, such as {@code actions/workflows/}).
     */
    default boolean accepts(PackFile file) {
        return file.topLevel() && SourceFormat.isConfigFileName(file.name());
    }

    /** Loads and validates one file of a pack; every problem is in the result. */
    LoadResult<T> load(Pack pack, PackFile file);

    /** A type whose files are each read with a format that may depend on the pack (its ref, say). */
    static <T> PackContentType<T> of(String folder, Function<Pack, Format<T>> format) {
        return new PackContentType<>() {
            @Override
            public String folder() {
                return folder;
            }

            @Override
            public LoadResult<T> load(Pack pack, PackFile file) {
                return StrictLoader.load(file.path(), file.label(), format.apply(pack));
            }
        };
    }
}
