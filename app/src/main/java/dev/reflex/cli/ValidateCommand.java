package dev.reflex.cli;

import dev.reflex.config.ConfigProblem;
import dev.reflex.config.ConfigResolver;
import dev.reflex.config.LoadResult;
import dev.reflex.config.Overrides;
import dev.reflex.config.ParsedFile;
import dev.reflex.config.Resolution;
import dev.reflex.config.StrictLoader;
import dev.reflex.packs.Pack;
import dev.reflex.packs.PackContent;
import dev.reflex.packs.PackContentTypes;
import dev.reflex.packs.PackDiscovery;
import dev.reflex.packs.PackFile;
import dev.reflex.packs.PackMetadata;
import dev.reflex.packs.PackSet;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reflex validate PATH…}: loads configuration and packs offline, the way the server would, and
 * prints every problem as {@code file:line:col: message}, warnings prefixed with {@code warning:}, then
 * a summary line. Exit code 0 when there is no error (warnings allowed), 1 when there is one, 2 on a
 * usage error.
 *
 * <p>A path may be a {@code reflex.yaml} (or {@code reflex.<env>.yaml}, which validates the base file
 * with that environment's overlay; the configured packs are validated too), a pack folder, a folder of
 * packs, a {@code pack.yaml}, a file inside a pack's content folder, or any other YAML/JSON file (which
 * is checked for syntax errors and duplicate keys).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check configuration files and packs offline; print every problem as file:line:col: message.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (warnings are allowed)", "1:errors were found", "2:usage error"})
public final class ValidateCommand implements Callable<Integer> {

    private static final Pattern CONFIG_NAME = Pattern.compile("reflex(?:\\.([A-Za-z0-9_-]+))?\\.(yaml|yml|json)");

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "reflex.yaml, a pack folder, a folder of packs, or a YAML/JSON file")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME", description = "environment overlay to apply to reflex.yaml "
            + "(default: REFLEX_ENV)")
    String env;

    @Option(names = "--values", paramLabel = "FILE", description = "values for @@KEY@@ tokens in reflex.yaml")
    Path values;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final Path workingDir;
    private final PackContentTypes types;
    private final PackDiscovery discovery;

    /** The command over the process environment, the current directory and the standard content types. */
    public ValidateCommand() {
        this(System.getenv(), Path.of(""), PackContentTypes.standard(), new PackDiscovery());
    }

    /**
     * The command over a given environment and working directory (tests pass their own).
     *
     * @param environment the environment variables ({@code REFLEX_ENV}, {@code REFLEX_…}, token values)
     * @param workingDir  the folder relative paths are resolved against
     * @param types       the pack content types to validate with
     * @param discovery   pack discovery (with the built-in packs)
     */
    public ValidateCommand(Map<String, String> environment, Path workingDir, PackContentTypes types,
                           PackDiscovery discovery) {
        this.environment = Map.copyOf(environment);
        this.workingDir = workingDir;
        this.types = types;
        this.discovery = discovery;
    }

    @Override
    public Integer call() {
        Report report = new Report();
        List<Path> packPaths = new ArrayList<>();
        for (Path given : paths) {
            Path path = workingDir.resolve(given);
            Matcher config = CONFIG_NAME.matcher(path.getFileName() == null ? "" : path.getFileName().toString());
            if (!Files.exists(path)) {
                report.error(ConfigProblem.ofFile(path.toString(), "not found"));
            } else if (Files.isDirectory(path)) {
                packPaths.add(path);
            } else if (config.matches()) {
                validateConfig(path, config, report);
            } else if (path.getFileName().toString().equals(PackDiscovery.MANIFEST)) {
                report.files++;
                report.add(StrictLoader.load(path, PackMetadata.FORMAT));
            } else {
                validateFile(path, report);
            }
        }
        if (!packPaths.isEmpty()) {
            validatePacks(packPaths, report);
        }
        report.print(spec.commandLine().getOut());
        return report.errors > 0 ? 1 : 0;
    }

    private void validateConfig(Path file, Matcher name, Report report) {
        Path base = file;
        String envName = env;
        if (name.group(1) != null) {
            base = file.resolveSibling("reflex." + name.group(2));
            envName = name.group(1);
        }
        Resolution r = new ConfigResolver(environment, workingDir)
                .resolve(new Overrides(base, envName, values, null, null, null));
        report.files += r.files().size();
        r.problems().forEach(report::error);
        r.warnings().forEach(report::warning);
        if (r.ok() && !r.config().packPaths().isEmpty()) {
            validatePacks(r.config().packPaths(), report);
        }
    }

    private void validatePacks(List<Path> packPaths, Report report) {
        PackSet set = discovery.discover(packPaths);
        List<Pack> onDisk = set.onDisk();
        report.packs += onDisk.size();
        report.files += set.manifests();
        set.problems().forEach(report::error);
        set.warnings().forEach(report::warning);
        PackContent.Validation v = new PackContent(types).validate(onDisk);
        report.files += v.files();
        v.problems().forEach(report::error);
        v.warnings().forEach(report::warning);
    }

    /** A single file: as pack content when it sits in a pack's content folder, else parsed strictly. */
    private void validateFile(Path file, Report report) {
        Path packRoot = packRootOf(file);
        if (packRoot != null) {
            PackSet set = discovery.discover(List.of(packRoot));
            Pack pack = set.onDisk().stream().findFirst().orElse(null);
            if (pack != null) {
                Path target = file.toAbsolutePath().normalize();
                List<Pack> only = List.of(new Pack(pack.ref(), pack.name(), pack.version(), pack.description(),
                        pack.author(), pack.origin(), pack.root(), pack.metadata(), onlyFile(pack, target)));
                PackContent.Validation v = new PackContent(types).validate(only);
                report.files += v.files();
                v.problems().forEach(report::error);
                v.warnings().forEach(report::warning);
                return;
            }
        }
        report.files++;
        ParsedFile parsed = StrictLoader.parse(file);
        parsed.problems().forEach(report::error);
    }

    private static Map<String, List<PackFile>> onlyFile(Pack pack, Path target) {
        Map<String, List<PackFile>> content = new LinkedHashMap<>();
        pack.content().forEach((folder, files) -> {
            List<PackFile> match = files.stream()
                    .filter(f -> f.path().toAbsolutePath().normalize().equals(target)).toList();
            if (!match.isEmpty()) {
                content.put(folder, match);
            }
        });
        return content;
    }

    /**
     * The pack folder a file belongs to (the folder above the content folder that holds it), found along
     * the path as given so that problems name files the way the user did; null outside a pack.
     */
    private static Path packRootOf(Path file) {
        Path root = packRootAlong(file);
        return root != null ? root : packRootAlong(file.toAbsolutePath().normalize());
    }

    private static Path packRootAlong(Path file) {
        for (Path dir = file.getParent(); dir != null && dir.getParent() != null; dir = dir.getParent()) {
            if (PackDiscovery.CONTENT_FOLDERS.contains(dir.getFileName().toString()) && PackDiscovery.isPack(dir.getParent())) {
                return dir.getParent();
            }
        }
        return null;
    }

    /** Counts and collects what was found, then prints it. */
    private static final class Report {
        final List<String> lines = new ArrayList<>();
        int files;
        int packs;
        int errors;
        int warnings;

        void error(ConfigProblem p) {
            errors++;
            lines.add(p.toString());
        }

        void warning(ConfigProblem p) {
            warnings++;
            lines.add("warning: " + p);
        }

        void add(LoadResult<?> r) {
            r.problems().forEach(this::error);
            r.warnings().forEach(this::warning);
        }

        void print(PrintWriter out) {
            lines.forEach(out::println);
            out.println(count(files, "file") + ", " + count(packs, "pack") + ", " + count(errors, "error") + ", "
                    + count(warnings, "warning"));
            out.flush();
        }

        private static String count(int n, String noun) {
            return n + " " + noun + (n == 1 ? "" : "s");
        }
    }
}
