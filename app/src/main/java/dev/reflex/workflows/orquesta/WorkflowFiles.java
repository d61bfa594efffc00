package dev.reflex.workflows.orquesta;

import dev.reflex.actions.Action;
import dev.reflex.config.ConfigProblem;
import dev.reflex.config.LoadResult;
import dev.reflex.config.StrictLoader;
import dev.reflex.template.TemplateEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workflow files of orquesta actions, read through the strict loader and kept while the file is
 * unchanged, so that many runs of one workflow share one parsed definition.
 */
final class WorkflowFiles {

    /** A workflow file as read: its definition, or the problems that kept it from loading. */
    record Loaded(WorkflowSpec spec, List<ConfigProblem> problems, long modified) {
        Optional<WorkflowSpec> optionalSpec() {
            return Optional.ofNullable(spec);
        }
    }

    private final TemplateEngine templates;
    private final Map<Path, Loaded> cache = new ConcurrentHashMap<>();

    WorkflowFiles(TemplateEngine templates) {
        this.templates = templates;
    }

    Loaded load(Action action) {
        Optional<Path> path = action.entryPointPath();
        if (path.isEmpty()) {
            return new Loaded(null, List.of(ConfigProblem.ofFile(action.ref(),
                    "an orquesta action needs an entry_point naming its workflow file in the pack's actions folder")), 0);
        }
        Path file = path.get();
        long modified;
        try {
            modified = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return new Loaded(null, List.of(ConfigProblem.ofFile(file.toString(),
                    "the workflow file cannot be read: " + e.getMessage())), 0);
        }
        Loaded cached = cache.get(file);
        if (cached != null && cached.modified() == modified) {
            return cached;
        }
        LoadResult<WorkflowSpec> r = StrictLoader.load(file, WorkflowFormat.of(templates));
        Loaded loaded = r.hasErrors() ? new Loaded(null, r.problems(), modified)
                : new Loaded(r.values().getFirst(), List.of(), modified);
        cache.put(file, loaded);
        return loaded;
    }
}
