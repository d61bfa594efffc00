package dev.reflex.config;

import dev.reflex.config.Node.MapNode;
import dev.reflex.config.Node.Member;
import dev.reflex.config.Node.StringNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds the server's {@link ReflexConfig}, from lowest to highest precedence:
 * <ol>
 *   <li>the defaults ({@link ReflexConfig#defaults()});</li>
 *   <li>the base file: {@code --config FILE}, else {@code ./reflex.yaml} when it exists, else none;</li>
 *   <li>the environment overlay {@code reflex.<env>.yaml} beside the base file, deep-merged over it
 *       (env from {@code --env} or {@code REFLEX_ENV}; an overlay that is named but missing is an error);</li>
 *   <li>{@code @@KEY@@} tokens in string values, from the values file ({@code --values} or
 *       {@code values_file:}) and then from environment variables;</li>
 *   <li>{@code REFLEX_…} environment variables;</li>
 *   <li>command-line flags ({@link Overrides}).</li>
 * </ol>
 *
 * <p>Every problem of every step is collected; see {@link Resolution}. The environment and the working
 * directory are given to the constructor, so tests never touch the real ones.
 */
public final class ConfigResolver {

    /** The base file looked for in the working directory when {@code --config} is not given. */
    public static final String DEFAULT_FILE = "reflex.yaml";

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final Map<String, String> environment;
    private final Path workingDir;

    /**
     * A resolver over an environment and a working directory.
     *
     * @param environment the environment variables (tests pass a map)
     * @param workingDir  the folder relative paths on the command line and in variables are resolved against
     */
    public ConfigResolver(Map<String, String> environment, Path workingDir) {
        this.environment = Map.copyOf(environment);
        this.workingDir = Objects.requireNonNull(workingDir, "workingDir");
    }

    /** A resolver over the process environment and the current directory. */
    public static ConfigResolver fromSystem() {
        return new ConfigResolver(System.getenv(), Path.of(""));
    }

    /** Resolves the configuration, or throws a {@link ConfigException} with every problem. */
    public ReflexConfig load(Overrides overrides) {
        return resolve(overrides).orThrow();
    }

    /** Resolves the configuration, collecting every problem instead of throwing. */
    public Resolution resolve(Overrides overrides) {
        Problems problems = new Problems();
        List<Path> files = new ArrayList<>();
        String env = envName(overrides, problems);

        Path base = baseFile(overrides, problems);
        Path folder = base == null ? workingDir : parentOf(base);
        Node tree = null;
        boolean unreadable = false;
        if (base != null) {
            ParsedFile parsed = parse(base, files, problems);
            unreadable = parsed.root() == null && !parsed.ok();
            tree = parsed.root();
        }
        if (env != null && (base != null || overrides.configFile() == null)) {
            Path overlay = overlayFile(base == null ? workingDir.resolve(DEFAULT_FILE) : base, env);
            if (!Files.isRegularFile(overlay)) {
                problems.error(Location.of(overlay.toString()), "", "the overlay for environment '" + env
                        + "' is missing: expected " + overlay.getFileName() + " beside "
                        + (base == null ? DEFAULT_FILE + " (in " + workingDir.toAbsolutePath() + ")" : base.getFileName()));
            } else {
                ParsedFile parsed = parse(overlay, files, problems);
                unreadable |= parsed.root() == null && !parsed.ok();
                tree = Overlays.merge(tree, parsed.root());
            }
        }

        ReflexConfig config = ReflexConfig.defaults();
        if (tree != null && !unreadable) {
            Map<String, String> values = ValuesFile.load(valuesFile(tree, overrides, folder, problems), files, problems);
            if (values != null) {
                config = bind(tree, values, base == null ? DEFAULT_FILE : base.toString(), folder, problems);
            }
        }
        config = new EnvironmentOverrides(environment, workingDir, problems).apply(config);
        config = applyFlags(config, overrides, problems);
        config = new ReflexConfig(env, config.dataDir(), config.http(), config.store(), config.packPaths(), config.apiKeys(),
                config.chat(), config.smtp(), config.sensuApi());
        return new Resolution(problems.hasErrors() ? null : config, files, inFileOrder(problems.errors(), files),
                inFileOrder(problems.warnings(), files));
    }

    /** Problems of the files read, in the order the files were read, then by position; others last. */
    private static List<ConfigProblem> inFileOrder(List<ConfigProblem> problems, List<Path> files) {
        List<String> labels = files.stream().map(Path::toString).toList();
        List<ConfigProblem> out = new ArrayList<>(problems);
        out.sort(Comparator.comparingInt((ConfigProblem p) -> {
            int i = labels.indexOf(p.file());
            return i < 0 ? labels.size() : i;
        }).thenComparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
        return out;
    }

    /**
     * Substitutes tokens and binds the tree; the defaults when it fails. Unresolved tokens are one
     * problem, and the tree is still bound so that its other problems are reported too.
     */
    private ReflexConfig bind(Node tree, Map<String, String> values, String label, Path folder, Problems problems) {
        Tokens.Result substituted = Tokens.substitute(tree, key -> {
            String v = values.get(key);
            return v != null ? v : environment.get(key);
        });
        substituted.problem("set each in the values file or as an environment variable")
                .ifPresent(p -> problems.addErrors(List.of(p)));
        LoadResult<ReflexConfig> bound = StrictLoader.bind(label, substituted.root(), ConfigFileFormat.inFolder(folder));
        problems.addAll(bound);
        return bound.ok().isEmpty() ? ReflexConfig.defaults() : bound.ok().getFirst().value();
    }

    private String envName(Overrides overrides, Problems problems) {
        String label = overrides.env() != null ? "option --env" : "environment variable REFLEX_ENV";
        String env = overrides.env() != null ? overrides.env() : environment.get("REFLEX_ENV");
        if (env == null || env.isBlank()) {
            return null;
        }
        if (!ENV_NAME.matcher(env).matches()) {
            problems.error(Location.of(label), "", "environment name '" + env
                    + "' may only contain letters, digits, '-' and '_'");
            return null;
        }
        return env;
    }

    private Path baseFile(Overrides overrides, Problems problems) {
        if (overrides.configFile() != null) {
            Path file = workingDir.resolve(overrides.configFile());
            if (!Files.isRegularFile(file)) {
                problems.error(Location.of(file.toString()), "", "configuration file not found");
                return null;
            }
            return file;
        }
        Path file = workingDir.resolve(DEFAULT_FILE);
        return Files.isRegularFile(file) ? file : null;
    }

    /** {@code reflex.yaml} with env {@code prod} gives {@code reflex.prod.yaml}; the extension is kept. */
    static Path overlayFile(Path base, String env) {
        String name = base.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String overlay = dot <= 0 ? name + "." + env : name.substring(0, dot) + "." + env + name.substring(dot);
        return base.resolveSibling(overlay);
    }

    private static ParsedFile parse(Path file, List<Path> files, Problems problems) {
        ParsedFile parsed = StrictLoader.parse(file);
        files.add(file);
        problems.addErrors(parsed.problems());
        return parsed;
    }

    private static Path parentOf(Path file) {
        Path parent = file.getParent();
        return parent == null ? Path.of("") : parent;
    }

    private ValuesFile.Source valuesFile(Node tree, Overrides overrides, Path folder, Problems problems) {
        if (overrides.valuesFile() != null) {
            return new ValuesFile.Source(workingDir.resolve(overrides.valuesFile()), Location.of("option --values"));
        }
        if (!(tree instanceof MapNode map)) {
            return null;
        }
        Member setting = map.members().get("values_file");
        if (setting == null || setting.value() instanceof Node.NullNode) {
            return null;
        }
        if (!(setting.value() instanceof StringNode s) || s.value().isBlank()) {
            problems.error(setting.value().location(), "/values_file", "expected the path of a values file");
            return null;
        }
        if (Tokens.hasToken(s.value())) {
            problems.error(s.location(), "/values_file", "values_file cannot use @@KEY@@ tokens: it is read before they are resolved");
            return null;
        }
        return new ValuesFile.Source(folder.resolve(s.value()), s.location());
    }

    private ReflexConfig applyFlags(ReflexConfig config, Overrides overrides, Problems problems) {
        ReflexConfig c = config;
        if (overrides.dataDir() != null) {
            c = c.withDataDir(workingDir.resolve(overrides.dataDir()).normalize());
        }
        if (overrides.httpPort() != null) {
            int port = overrides.httpPort();
            if (port < 0 || port > 65535) {
                problems.error(Location.of("option --http-port"), "", "must be between 0 and 65535 but is " + port);
            } else {
                c = c.withHttp(c.http().withPort(port));
            }
        }
        if (overrides.packs() != null) {
            c = c.withPackPaths(overrides.packs().stream().map(p -> workingDir.resolve(p).normalize()).toList());
        }
        return c;
    }
}
