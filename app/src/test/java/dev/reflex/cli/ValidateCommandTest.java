package dev.reflex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.config.Format;
import dev.reflex.packs.PackContentType;
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

class ValidateCommandTest {

    @TempDir
    Path dir;

    /** A rules type like the one the rules feature will register. */
    static final PackContentType<String> RULES = PackContentType.of("rules", pack -> Format.object(o -> {
        o.optional("enabled").bool(false);
        return o.requiredString("name");
    }));

    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ValidateCommand(env, dir, new PackContentTypes(List.of(RULES)),
                new PackDiscovery()));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Run run(String... args) {
        return run(Map.of(), args);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static String pack(String name) {
        return "name: " + name + "\ndescription: d\nversion: 0.1.0\nauthor: a\n";
    }

    @Test
    void aFolderWithOneBrokenFileReportsItAndLoadsTheOthers() throws IOException {
        write("packs/ops/pack.yaml", pack("ops"));
        write("packs/ops/rules/a.yaml", "name: a\nenabled: true\n");
        write("packs/ops/rules/b.yaml", "name: b\nenbled: true\n");
        write("packs/ops/rules/c.yaml", "name: c\n");
        write("packs/ops/actions/local.yaml", "name: local\nrunner_type: local-shell-cmd\n");
        write("packs/ops/actions/broken.yaml", "name: [\n");
        write("packs/web/pack.yaml", pack("web"));
        write("packs/web/rules/r.yaml", "name: r\n");
        Run r = run("packs");
        assertThat(r.lines()).containsExactly(
                dir.resolve("packs/ops/actions/broken.yaml") + ":2:1: syntax error: the file ends inside an unfinished "
                        + "value (a missing closing quote or bracket?)",
                dir.resolve("packs/ops/rules/b.yaml") + ":2:1: unknown field 'enbled' (did you mean 'enabled'?); "
                        + "known fields: enabled, name (at /enbled)",
                "8 files, 2 packs, 2 errors, 0 warnings");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void warningsAloneExitZero() throws IOException {
        write("packs/nometa/rules/r.yaml", "name: r\n");
        Run r = run("packs/nometa");
        assertThat(r.lines()).containsExactly(
                "warning: " + dir.resolve("packs/nometa") + ": no pack.yaml; the pack is named 'nometa' after its folder",
                "1 file, 1 pack, 0 errors, 1 warning");
        assertThat(r.exit()).isZero();
    }

    @Test
    void reflexYamlIsResolvedWithItsOverlayAndItsPacksAreValidated() throws IOException {
        write("reflex.yaml", "http: {port: \"@@PORT@@\"}\npacks: [packs]\n");
        write("reflex.prod.yaml", "store: {pool_size: 0}\n");
        write("packs/ops/pack.yaml", pack("ops"));
        write("packs/ops/rules/r.yaml", "name: r\nname: again\n");
        Run ok = run(Map.of("PORT", "8080"), "reflex.yaml");
        assertThat(ok.lines()).containsExactly(
                dir.resolve("packs/ops/rules/r.yaml") + ":2:1: duplicate key 'name' (first defined at line 1) (at /name)",
                "3 files, 1 pack, 1 error, 0 warnings");
        Run prod = run(Map.of(), "reflex.prod.yaml");
        assertThat(prod.lines()).containsExactly(
                dir.resolve("reflex.yaml") + ":1:14: unresolved token @@PORT@@ (" + dir.resolve("reflex.yaml")
                        + ":1:14); set each in the values file or as an environment variable",
                dir.resolve("reflex.prod.yaml") + ":1:20: must be between 1 and 1000 but is 0 (at /store/pool_size)",
                "2 files, 0 packs, 2 errors, 0 warnings");
        assertThat(prod.exit()).isEqualTo(1);
    }

    @Test
    void singleFilesArePackContentPackYamlOrPlainYaml(@TempDir Path other) throws IOException {
        write("packs/ops/pack.yaml", "name: ops\ndescription: d\nversion: 1\nauthor: a\n");
        write("packs/ops/rules/r.yaml", "name: r\nextra: 1\n");
        write("packs/ops/rules/fine.yaml", "name: fine\n");
        write("loose.json", "{\"a\": 1, \"a\": 2}");
        Run r = run("packs/ops/rules/r.yaml", "packs/ops/pack.yaml", "loose.json", "missing.yaml");
        assertThat(r.lines()).containsExactly(
                dir.resolve("packs/ops/rules/r.yaml") + ":2:1: unknown field 'extra'; known fields: enabled, name (at /extra)",
                dir.resolve("packs/ops/pack.yaml") + ":3:10: '1' is not valid: use a semantic version such as 0.1.0 or "
                        + "1.2.3 (at /version)",
                dir.resolve("loose.json") + ":1:10: duplicate key 'a' (first defined at line 1) (at /a)",
                dir.resolve("missing.yaml") + ": not found",
                "3 files, 0 packs, 4 errors, 0 warnings");
    }

    @Test
    void usageErrorsExitTwo() {
        Run r = run();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required parameter: 'PATH'");
        assertThat(run("--bogus", "x").exit()).isEqualTo(2);
    }
}
