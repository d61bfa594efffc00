package dev.reflex.config;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ConfigResolver} produced: the configuration when there was no error, the files it read,
 * and every error and warning.
 *
 * @param config   the resolved configuration, or null when there were errors
 * @param files    the files read, in order (base, overlay, values file)
 * @param problems every error, in the order found
 * @param warnings every warning
 */
public record Resolution(ReflexConfig config, List<Path> files, List<ConfigProblem> problems,
                         List<ConfigProblem> warnings) {

    public Resolution {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** Whether the configuration resolved without errors. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** The configuration, or a {@link ConfigException} with every error. */
    public ReflexConfig orThrow() {
        if (!ok()) {
            throw new ConfigException(problems);
        }
        return config;
    }
}
