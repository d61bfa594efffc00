package dev.reflex.workflows;

import dev.reflex.actions.Action;
import dev.reflex.actions.ActionFiles;
import dev.reflex.config.ConfigProblem;
import dev.reflex.config.LoadResult;
import dev.reflex.config.Location;
import dev.reflex.config.Node;
import dev.reflex.config.ParsedFile;
import dev.reflex.config.SourceFormat;
import dev.reflex.config.StrictLoader;
import dev.reflex.packs.Pack;
import dev.reflex.packs.PackContentType;
import dev.reflex.packs.PackFile;
import dev.reflex.template.TemplateEngine;
import dev.reflex.workflows.chain.ActionChainRunner;
import dev.reflex.workflows.chain.ChainFormat;
import dev.reflex.workflows.orquesta.OrquestaFunctions;
import dev.reflex.workflows.orquesta.OrquestaRunner;
import dev.reflex.workflows.orquesta.WorkflowFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The {@code actions/} content of packs as {@code reflex validate} checks it: action metadata (the
 * files directly in the folder, read by {@link ActionFiles}), and the workflow files that actions
 * with the {@code action-chain} or {@code orquesta} runner name as their entry point, read through
 * the same strict loaders the runners use ({@link ChainFormat}, {@link WorkflowFormat}), so that a
 * broken workflow is an error at its {@code file:line:col} before anything runs. A workflow action
 * whose entry point is missing is an error at its {@code entry_point}. Other files of sub-folders
 * (scripts' YAML, unreferenced files) are parsed for syntax errors and duplicate keys only.
 */
public final class WorkflowPackFiles implements PackContentType<Action> {

    private final ActionFiles metadata;
    /** Orquesta expressions compile with the runner's functions ({@code ctx()}, {@code result()}…). */
    private final TemplateEngine orquestaTemplates = new TemplateEngine(Map.of(), OrquestaFunctions.all());
    /** Per pack root: each workflow entry point (absolute, normalised) and its runner. */
    private final Map<Path, Map<Path, String>> entryPoints = new ConcurrentHashMap<>();

    /** The content type, compiling the templates of action metadata with {@code templates}. */
    public WorkflowPackFiles(TemplateEngine templates) {
        this.metadata = new ActionFiles(templates);
    }

    @Override
    public String folder() {
        return metadata.folder();
    }

    /** Every YAML or JSON file of the folder, sub-folders included. */
    @Override
    public boolean accepts(PackFile file) {
        return SourceFormat.isConfigFileName(file.name());
    }

    @Override
    public LoadResult<Action> load(Pack pack, PackFile file) {
        if (file.topLevel()) {
            LoadResult<Action> loaded = metadata.load(pack, file);
            if (loaded.hasErrors() || loaded.values().size() != 1) {
                return loaded;
            }
            return loaded.plus(LoadResult.failed(entryPointProblems(loaded.values().getFirst(), file)));
        }
        String runner = workflowEntryPoints(pack).get(normal(file.path()));
        if (ActionChainRunner.NAME.equals(runner)) {
            return LoadResult.failed(StrictLoader.load(file.path(), file.label(), ChainFormat.of(file.label())).problems());
        }
        if (OrquestaRunner.NAME.equals(runner)) {
            return LoadResult.failed(StrictLoader.load(file.path(), file.label(), WorkflowFormat.of(orquestaTemplates)).problems());
        }
        return LoadResult.failed(StrictLoader.parse(file.path(), file.label()).problems());
    }

    private static boolean workflow(String runnerType) {
        return ActionChainRunner.NAME.equals(runnerType) || OrquestaRunner.NAME.equals(runnerType);
    }

    /** A workflow action without its workflow file: an error at its {@code entry_point} (or at the top). */
    private static List<ConfigProblem> entryPointProblems(Action action, PackFile file) {
        if (!workflow(action.runnerType())) {
            return List.of();
        }
        boolean present = action.entryPointPath().map(Files::isRegularFile).orElse(false);
        if (present) {
            return List.of();
        }
        ParsedFile parsed = StrictLoader.parse(file.path(), file.label());
        Location where = Location.of(file.label());
        if (parsed.root() instanceof Node.MapNode m) {
            Node.Member entry = m.members().get("entry_point");
            where = entry != null ? entry.value().location() : m.location();
        }
        String message = action.entryPoint().isEmpty()
                ? "an " + action.runnerType() + " action needs an entry_point naming its workflow file"
                : "the workflow file '" + action.entryPoint() + "' is not in the pack's actions folder";
        return List.of(where.problem(action.entryPoint().isEmpty() ? "" : "/entry_point", message));
    }

    /** The workflow entry points of a pack's actions, read from the metadata files on disk once. */
    private Map<Path, String> workflowEntryPoints(Pack pack) {
        return entryPoints.computeIfAbsent(normal(pack.root()), root -> {
            Map<Path, String> out = new HashMap<>();
            Path actions = pack.root().resolve(folder());
            if (!Files.isDirectory(actions)) {
                return out;
            }
            try (Stream<Path> files = Files.list(actions)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String name = f.getFileName().toString();
                    if (!SourceFormat.isConfigFileName(name)) {
                        continue;
                    }
                    LoadResult<Action> a = metadata.load(pack, new PackFile(folder(), name, f, f.toString()));
                    for (Action action : a.values()) {
                        if (workflow(action.runnerType())) {
                            action.entryPointPath().ifPresent(p -> out.put(normal(p), action.runnerType()));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + actions, e);
            }
            return out;
        });
    }

    private static Path normal(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
