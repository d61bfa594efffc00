package dev.reflex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.packs.PackContentTypes;
import dev.reflex.packs.PackDiscovery;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code reflex validate} on the workflow files of a pack: the entry points of action-chain and
 * orquesta actions go through the runners' strict loaders, each error at its {@code file:line:col},
 * and a broken file does not keep the others from being checked.
 */
class ValidateWorkflowsTest {

    @TempDir
    Path dir;

    record Run(int exit, List<String> lines) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new ValidateCommand(Map.of(), dir, PackContentTypes.standard(), new PackDiscovery()));
        cl.setOut(new PrintWriter(out));
        int exit = cl.execute(args);
        return new Run(exit, out.toString().lines().toList());
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void flowsPack() throws IOException {
        write("packs/flows/pack.yaml", "ref: flows\nname: flows\ndescription: d\nversion: 0.1.0\nauthor: a\n");
        write("packs/flows/actions/good.yaml", "name: good\nrunner_type: action-chain\nentry_point: chains/good.yaml\n");
        write("packs/flows/actions/chains/good.yaml", """
                chain:
                  - {name: one, ref: core.noop, on-success: two}
                  - {name: two, ref: core.local, parameters: {cmd: "echo {{ one.succeeded }}"}}
                """);
        write("packs/flows/actions/broken.yaml", "name: broken\nrunner_type: action-chain\nentry_point: chains/broken.yaml\n");
        write("packs/flows/actions/chains/broken.yaml", """
                chain:
                  - name: one
                    ref: core.noop
                    on-sucess: two
                  - {name: two, ref: core.noop, on-failure: three}
                """);
        write("packs/flows/actions/graph.yaml", "name: graph\nrunner_type: orquesta\nentry_point: workflows/graph.yaml\n");
        write("packs/flows/actions/workflows/graph.yaml", """
                version: 1.0
                tasks:
                  first:
                    action: core.noop
                    next:
                      - when: <% succeeded() %>
                        do: second
                  second:
                    action: core.noop
                    next: [{do: third}]
                """);
        write("packs/flows/actions/lost.yaml", "name: lost\nrunner_type: action-chain\nentry_point: chains/lost.yaml\n");
        write("packs/flows/actions/chains/notes.yaml", "not_a_chain: [1, 2]\n");
    }

    @Test
    void brokenChainAndOrquestaFilesAreErrorsAtTheirPlaceAndTheGoodChainPasses() throws IOException {
        flowsPack();
        Run r = run("packs");
        Path actions = dir.resolve("packs/flows/actions");
        assertThat(r.lines()).containsExactly(
                actions.resolve("chains/broken.yaml") + ":4:5: unknown field 'on-sucess' (did you mean 'on-success'?);"
                        + " known fields: description, name, ref, parameters, params, on-success, on-failure, publish,"
                        + " notify (at /chain/0/on-sucess)",
                actions.resolve("chains/broken.yaml") + ":5:45: 'three' is not a task of this chain; tasks: one, two"
                        + " (at /chain/1/on-failure)",
                actions.resolve("lost.yaml") + ":3:14: the workflow file 'chains/lost.yaml' is not in the pack's"
                        + " actions folder (at /entry_point)",
                actions.resolve("workflows/graph.yaml") + ":6:15: YAQL expressions (<% %>) are not supported; use"
                        + " Jinja: {{ ... }} (at /tasks/first/next/0/when)",
                actions.resolve("workflows/graph.yaml") + ":6:15: 'when' must be an expression such as"
                        + " '{{ succeeded() }}' (at /tasks/first/next/0/when)",
                actions.resolve("workflows/graph.yaml") + ":10:17: unknown task 'third' (at /tasks/second/next/0/do)",
                "9 files, 1 pack, 6 errors, 0 warnings");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void theWorkflowsReflexShipsValidateClean() {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new ValidateCommand(Map.of(), repo, PackContentTypes.standard(), new PackDiscovery()));
        cl.setOut(new PrintWriter(out));
        int exit = cl.execute("examples/packs", "app/src/main/resources/packs/linux");
        assertThat(out.toString().lines().toList()).as("the built-in linux pack, validated from its sources, only warns"
                + " that it has the built-in pack's name").containsExactly(
                "warning: " + repo.resolve("app/src/main/resources/packs/linux/pack.yaml")
                        + ": pack 'linux' replaces the built-in pack of that name",
                "10 files, 2 packs, 0 errors, 1 warning");
        assertThat(exit).isZero();
    }

    @Test
    void aWorkflowFileGivenAloneIsCheckedWithItsRunnersFormat() throws IOException {
        flowsPack();
        Path chains = dir.resolve("packs/flows/actions/chains");
        assertThat(run("packs/flows/actions/chains/good.yaml")).isEqualTo(new Run(0,
                List.of("1 file, 0 packs, 0 errors, 0 warnings")));
        Run broken = run("packs/flows/actions/chains/broken.yaml");
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.lines()).hasSize(3).first().asString().startsWith(chains.resolve("broken.yaml") + ":4:5: ");
        assertThat(run("packs/flows/actions/chains/notes.yaml").exit()).as("not an entry point: syntax only").isZero();
        assertThat(chains).isDirectory();
    }
}
