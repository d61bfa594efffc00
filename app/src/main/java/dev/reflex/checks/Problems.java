package dev.reflex.checks;

import dev.reflex.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects validation problems for one document, each located by a JSON-pointer path.
 *
 * <p>Validators never stop at the first problem: every rule is checked and every failure recorded,
 * so a user sees all of them at once.
 */
public final class Problems {

    private final String source;
    private final List<ConfigProblem> problems = new ArrayList<>();

    /** Problems for the document named {@code source} (a file name, or a label such as {@code <api>}). */
    public Problems(String source) {
        this.source = source;
    }

    /** Records a problem at {@code path}. */
    public void add(String path, String message) {
        problems.add(new ConfigProblem(source, 0, 0, path, message));
    }

    /** Records a problem at {@code base} plus one more segment. */
    public void add(String base, String key, String message) {
        add(base + "/" + JsonValues.escapePointer(key), message);
    }

    /** The number of problems recorded so far; compare before and after to see if a part was valid. */
    public int count() {
        return problems.size();
    }

    /** The document's name. */
    public String source() {
        return source;
    }

    /** Every problem recorded so far. */
    public List<ConfigProblem> list() {
        return List.copyOf(problems);
    }
}
