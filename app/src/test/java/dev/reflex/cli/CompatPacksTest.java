package dev.reflex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.packs.PackContentTypes;
import dev.reflex.packs.PackDiscovery;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code reflex validate} on the real StackStorm packs in {@code shared/compat/st2/}, read in place.
 * The folder comes from {@code REFLEX_SHARED_DIR} (set by surefire), else {@code ../../shared} from the
 * module; when it is absent the test is skipped with a notice.
 *
 * <p>What is expected: every file parses (no syntax error, no duplicate key) and every rule and trigger
 * type loads. The copied packs have no pack.yaml (warnings), StackStorm's own {@code core} and
 * {@code linux} packs are reported because Reflex has built-in ones, and rules whose action or trigger type is not
 * loaded (the actions of other packs, a sensor's trigger type) are warnings.
 */
class CompatPacksTest {

    private static Path compatDir() {
        String shared = System.getenv("REFLEX_SHARED_DIR");
        Path base = shared != null && !shared.isBlank() ? Path.of(shared) : Path.of("../../shared");
        Path st2 = base.resolve("compat/st2");
        if (!Files.isDirectory(st2)) {
            System.err.println("NOTICE: StackStorm compat packs not found at " + st2.toAbsolutePath()
                    + "; CompatPacksTest is skipped");
            Assumptions.abort("compat packs not found at " + st2.toAbsolutePath());
        }
        return st2;
    }

    private static final String EXAMPLES = "st2/contrib/examples/actions/";

    private static List<String> validate(Path workingDir, String... paths) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new ValidateCommand(Map.of(), workingDir, PackContentTypes.standard(),
                new PackDiscovery()));
        cl.setOut(new PrintWriter(out));
        int exit = cl.execute(paths);
        List<String> lines = out.toString().lines().toList();
        System.out.println("reflex validate " + String.join(" ", paths) + " -> exit " + exit);
        lines.forEach(l -> System.out.println("  " + l));
        return lines;
    }

    @Test
    void everyStackStormFileParsesWithoutSyntaxErrorsOrDuplicateKeys() {
        Path st2 = compatDir();
        List<String> lines = validate(st2, "st2/contrib", "stackstorm-sensu", "st2/st2tests/st2tests/fixtures");
        List<String> errors = lines.stream().filter(l -> !l.startsWith("warning: ") && l.contains(": ")).toList();
        assertThat(errors).as("only the workflow files Reflex cannot run are errors").hasSize(8).allMatch(l ->
                l.startsWith(st2.resolve(EXAMPLES + "chains/echochain_task_failure.yaml:9:25: 'c4' is not a task").toString())
                        || l.startsWith(st2.resolve(EXAMPLES + "workflows/orquesta-basic.yaml:") + "")
                        && (l.contains("YAQL expressions (<% %>) are not supported") || l.contains("inline parameters")
                        || l.contains("'when' must be an expression")));
        assertThat(lines).contains("warning: " + st2.resolve("st2/contrib/core") + ": pack 'core' is built into Reflex;"
                + " the built-in one is used and this one is only validated (give it another ref to load it)");
        assertThat(lines).contains("warning: " + st2.resolve("st2/contrib/linux")
                + ": pack 'linux' replaces the built-in pack of that name");
        assertThat(lines).noneMatch(l -> l.contains("syntax error") || l.contains("duplicate key"));
        assertThat(lines).filteredOn(l -> l.startsWith("warning: ")).hasSize(23)
                .allMatch(l -> l.endsWith("after its folder") || l.contains("runners: skipped: not a pack")
                        || l.contains("pack 'core' is built into Reflex") || l.contains("is not loaded")
                        || l.contains("replaces the built-in pack of that name"));
        assertThat(lines).filteredOn(l -> l.contains("is not loaded")).allMatch(l -> l.matches(".*\\.yaml:\\d+:\\d+: .*"));
        assertThat(lines.getLast()).as("every YAML file of the 7 packs, none of the 3 runner.yaml")
                .isEqualTo("37 files, 7 packs, 8 errors, 23 warnings");
    }

    @Test
    void eachPackFolderWithRulesOrTriggersValidatesOnItsOwn() {
        Path st2 = compatDir();
        for (String pack : List.of("stackstorm-sensu", "st2/contrib/examples", "st2/contrib/chatops",
                "st2/st2tests/st2tests/fixtures/backstop")) {
            List<String> lines = validate(st2, pack);
            assertThat(lines.getLast()).as(pack).contains(pack.endsWith("examples") ? " 8 errors" : " 0 errors");
        }
    }

    @Test
    void theExampleChainsAndLinuxDiagLoadavgValidateCleanAndTheBrokenOneFailsWhereItsRunWould() {
        Path st2 = compatDir();
        assertThat(validate(st2, EXAMPLES + "chains/echochain.yaml", EXAMPLES + "chains/publish_data.yaml",
                "st2/contrib/linux/actions/workflows/diag_loadavg.yaml"))
                .containsExactly("3 files, 0 packs, 0 errors, 0 warnings");
        assertThat(validate(st2, EXAMPLES + "chains/echochain_task_failure.yaml")).containsExactly(
                st2.resolve(EXAMPLES + "chains/echochain_task_failure.yaml") + ":9:25: 'c4' is not a task of this chain;"
                        + " tasks: c1, c2, c3 (at /chain/0/on-failure)",
                "1 file, 0 packs, 1 error, 0 warnings");
    }

    @Test
    void runnerMetadataFilesParseToo() {
        Path st2 = compatDir();
        List<String> lines = validate(st2,
                "st2/contrib/runners/action_chain_runner/action_chain_runner/runner.yaml",
                "st2/contrib/runners/local_runner/local_runner/runner.yaml",
                "st2/contrib/runners/remote_runner/remote_runner/runner.yaml");
        assertThat(lines).containsExactly("3 files, 0 packs, 0 errors, 0 warnings");
    }
}
