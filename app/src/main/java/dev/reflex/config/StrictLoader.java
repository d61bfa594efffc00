package dev.reflex.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The one loader for every YAML and JSON file Reflex reads: it parses into a located tree
 * ({@link Node}), reports syntax errors, duplicate keys and extra YAML documents with
 * {@code file:line:col}, then binds the tree with a {@link Format} that reports every other problem,
 * all at once.
 *
 * <p>Entry points, from the lowest level up:
 * <ul>
 *   <li>{@link #parse(Path)} / {@link #parse(String, String, SourceFormat)}: the located tree and the
 *       parse problems, for tools that work on trees (merging overlays, substituting tokens);</li>
 *   <li>{@link #bind(String, Node, Format)}: a format applied to a tree;</li>
 *   <li>{@link #load(Path, Format)}: parse and bind one file;</li>
 *   <li>{@link #loadAll(Collection, Format)}: many files; a bad file never prevents the good ones
 *       from loading.</li>
 * </ul>
 *
 * <p>Files are read as UTF-8 (a byte-order mark is skipped). The syntax is chosen by extension, or by
 * the first character for other names (see {@link SourceFormat#of}). A YAML file holds one document.
 */
public final class StrictLoader {

    private StrictLoader() {
    }

    /** Parses a file, naming it by its path as given. */
    public static ParsedFile parse(Path file) {
        return parse(file, file.toString());
    }

    /** Parses a file, naming it with the given label in problems. */
    public static ParsedFile parse(Path file, String label) {
        String text;
        try {
            text = read(file);
        } catch (NoSuchFileException e) {
            return failed(label, "file not found");
        } catch (CharacterCodingException e) {
            return failed(label, "is not valid UTF-8 text");
        } catch (IOException e) {
            return failed(label, "cannot be read: " + e.getMessage());
        }
        return parse(label, text, SourceFormat.of(file.getFileName() == null ? label : file.getFileName().toString(), text));
    }

    /** Parses text that did not come from a file on disk (a request body, a classpath resource). */
    public static ParsedFile parse(String label, String text, SourceFormat format) {
        String t = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        return TreeReader.read(label, t, format);
    }

    /** Applies a format to a located tree (null for an empty file). */
    public static <T> LoadResult<T> bind(String file, Node root, Format<T> format) {
        Problems problems = new Problems();
        T value = null;
        try {
            value = format.read(Value.root(file, root, problems));
        } catch (RuntimeException e) {
            problems.error(Location.of(file), "", "could not be loaded: " + e);
        }
        if (value == null && !problems.hasErrors()) {
            return new LoadResult<>(List.of(), List.of(), sorted(problems.warnings()));
        }
        List<Loaded<T>> ok = problems.hasErrors() ? List.of() : List.of(new Loaded<>(file, value));
        return new LoadResult<>(ok, sorted(problems.errors()), sorted(problems.warnings()));
    }

    /**
     * Binds a parsed file. A file with a syntax error is not bound; a file whose only parse problems are
     * duplicate keys (or similar) is still bound, so that its other problems are reported too.
     */
    public static <T> LoadResult<T> bind(ParsedFile parsed, Format<T> format) {
        if (!parsed.ok() && parsed.root() == null) {
            return LoadResult.failed(parsed.problems());
        }
        LoadResult<T> bound = bind(parsed.file(), parsed.root(), format);
        if (parsed.ok()) {
            return bound;
        }
        List<ConfigProblem> all = new ArrayList<>(parsed.problems());
        all.addAll(bound.problems());
        all.sort(StrictLoader::byPosition);
        return new LoadResult<>(List.of(), all, bound.warnings());
    }

    /** Parses and binds one file. */
    public static <T> LoadResult<T> load(Path file, Format<T> format) {
        return bind(parse(file), format);
    }

    /** Parses and binds one file, naming it with the given label in problems. */
    public static <T> LoadResult<T> load(Path file, String label, Format<T> format) {
        return bind(parse(file, label), format);
    }

    /** Parses and binds text that did not come from a file on disk. */
    public static <T> LoadResult<T> load(String label, String text, SourceFormat syntax, Format<T> format) {
        return bind(parse(label, text, syntax), format);
    }

    /** Loads every file with the same format; the result holds every good file and every problem. */
    public static <T> LoadResult<T> loadAll(Collection<Path> files, Format<T> format) {
        List<LoadResult<T>> results = new ArrayList<>();
        for (Path file : files) {
            results.add(load(file, format));
        }
        return LoadResult.concat(results);
    }

    /** The problems ordered by file, line and column (stable: same place keeps the order found). */
    static List<ConfigProblem> sorted(List<ConfigProblem> problems) {
        List<ConfigProblem> out = new ArrayList<>(problems);
        out.sort(StrictLoader::byPosition);
        return out;
    }

    /** Orders problems by file, line and column. */
    static int byPosition(ConfigProblem a, ConfigProblem b) {
        int c = a.file().compareTo(b.file());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.line(), b.line());
        return c != 0 ? c : Integer.compare(a.column(), b.column());
    }

    private static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    private static ParsedFile failed(String label, String message) {
        return new ParsedFile(label, SourceFormat.of(label, ""), null, List.of(ConfigProblem.ofFile(label, message)));
    }
}
