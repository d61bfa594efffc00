package dev.reflex.packs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reflex.config.ConfigProblem;
import dev.reflex.config.Format;
import dev.reflex.config.LoadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackContentTest {

    @TempDir
    Path dir;

    record Rule(String pack, String name) {
    }

    /** A rules type the way the rules feature will define one: a format that knows its pack. */
    static final PackContentType<Rule> RULES = PackContentType.of("rules",
            pack -> Format.object(o -> new Rule(pack.ref(), o.requiredString("name"))));

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private List<Pack> packs() {
        return new PackDiscovery().discover(List.of(dir.resolve("packs"))).packs();
    }

    @Test
    void aRegisteredTypeLoadsItsFilesAndOneBadFileDoesNotStopTheOthers() throws IOException {
        write("packs/ops/pack.yaml", "name: ops\ndescription: d\nversion: 0.1.0\nauthor: a\n");
        write("packs/ops/rules/a.yaml", "name: a\n");
        write("packs/ops/rules/b.yaml", "name: b\nenabled: true\n");
        write("packs/ops/rules/c.yaml", "name: c\n");
        write("packs/ops/rules/notes.md", "# not a rule\n");
        LoadResult<Rule> rules = PackContent.load(packs(), RULES);
        assertThat(rules.values()).containsExactly(new Rule("ops", "a"), new Rule("ops", "c"));
        assertThat(rules.problems()).extracting(ConfigProblem::toString).containsExactly(
                dir.resolve("packs/ops/rules/b.yaml") + ":2:1: unknown field 'enabled'; known fields: name (at /enabled)");
    }

    @Test
    void withoutARegisteredTypeFilesAreStillParsedStrictly() throws IOException {
        write("packs/ops/actions/ok.yaml", "name: ok\n");
        write("packs/ops/actions/dup.yaml", "name: a\nname: b\n");
        write("packs/ops/actions/workflows/broken.yaml", "chain: [\n");
        write("packs/ops/actions/run.sh", "#!/bin/sh\n{{{ not yaml\n");
        write("packs/ops/checks/check.json", "{\"command\": \"x\",}");
        write("packs/ops/rules/r.yaml", "name: r\nextra: 1\n");
        PackContent.Validation v = new PackContent(new PackContentTypes(List.of(RULES))).validate(packs());
        assertThat(v.files()).as("5 here, the built-in core pack's 12 action files and the linux pack's 6 YAML files")
                .isEqualTo(23);
        assertThat(v.problems()).extracting(ConfigProblem::toString).containsExactly(
                dir.resolve("packs/ops/actions/dup.yaml") + ":2:1: duplicate key 'name' (first defined at line 1) (at /name)",
                dir.resolve("packs/ops/actions/workflows/broken.yaml") + ":2:1: syntax error: the file ends inside an "
                        + "unfinished value (a missing closing quote or bracket?)",
                dir.resolve("packs/ops/rules/r.yaml") + ":2:1: unknown field 'extra'; known fields: name (at /extra)",
                dir.resolve("packs/ops/checks/check.json") + ":1:17: syntax error: Unexpected character ('}' (code 125)): "
                        + "was expecting double-quote to start field name");
    }

    @Test
    void oneTypePerFolder() {
        assertThatThrownBy(() -> new PackContentTypes(List.of(RULES, RULES))).hasMessageContaining("rules");
        assertThat(new PackContentTypes(List.of(RULES)).forFolder("rules")).containsSame(RULES);
        assertThat(PackContentTypes.standard().forFolder("actions")).isPresent();
        assertThat(PackContentTypes.standard().forFolder("aliases")).isEmpty();
    }
}
