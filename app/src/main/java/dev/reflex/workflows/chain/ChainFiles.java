package dev.reflex.workflows.chain;

import dev.reflex.actions.Action;
import dev.reflex.actions.ParameterSchema;
import dev.reflex.actions.ParameterSpec;
import dev.reflex.config.ConfigProblem;
import dev.reflex.config.LoadResult;
import dev.reflex.config.StrictLoader;
import dev.reflex.executions.Execution;
import dev.reflex.template.Template;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where a chain comes from: its file (the action's entry point) and, after a restart, its parameters. */
final class ChainFiles {

    private ChainFiles() {
    }

    /**
     * Loads the chain file of an action through the strict loader.
     *
     * @throws ChainFailure listing every problem at its {@code file:line:col}
     */
    static ChainDefinition load(Action action) {
        Path file = action.entryPointPath().orElseThrow(() -> new ChainFailure("Action \"" + action.ref()
                + "\" runs on action-chain but has no entry_point chain file"
                + (action.entryPoint().isEmpty() ? "" : " on disk")));
        LoadResult<ChainDefinition> loaded = StrictLoader.load(file, ChainFormat.of(file.toString()));
        if (loaded.hasErrors()) {
            throw new ChainFailure("The chain file of " + action.ref() + " is invalid:\n"
                    + String.join("\n", loaded.problems().stream().map(ConfigProblem::toString).toList()));
        }
        return loaded.single();
    }

    /** The parameters a recovered chain's templates see: as given, else their (literal) defaults, else None. */
    static Map<String, Object> parameters(Action action, Execution execution) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ParameterSpec r : ActionChainRunner.TYPE.parameters()) {
            out.put(r.name(), r.defaultValue().orElse(null));
        }
        for (ParameterSchema s : action.parameters()) {
            Object def = s.defaultValue().filter(d -> !(d instanceof String t && Template.hasMarkup(t))).orElse(null);
            out.put(s.name(), def);
        }
        out.putAll(execution.parameters());
        return out;
    }

    /** A chain that cannot run: its file is missing or invalid. */
    static final class ChainFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ChainFailure(String message) {
            super(message);
        }
    }
}
