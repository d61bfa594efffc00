package dev.reflex.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every rule file of the StackStorm compatibility samples ({@code shared/compat/st2}) loads without a problem. */
class CompatRulesTest {

    private static Path compatDir() {
        String shared = System.getenv("REFLEX_SHARED_DIR");
        Path dir = shared == null ? null : Path.of(shared, "compat", "st2");
        return dir != null && Files.isDirectory(dir) ? dir : null;
    }

    private static List<Path> ruleFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getParent().getFileName().toString().equals("rules"))
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml") || p.toString().endsWith(".json"))
                    .sorted().toList();
        }
    }

    @Test
    void everyCompatRuleParses() throws IOException {
        Path dir = compatDir();
        if (dir == null) {
            System.out.println("CompatRulesTest: REFLEX_SHARED_DIR/compat/st2 not found, skipping the StackStorm rule samples");
            return;
        }
        List<Path> files = ruleFiles(dir);
        assertThat(files).as("rule files under " + dir).hasSizeGreaterThanOrEqualTo(9);
        for (Path file : files) {
            Parsed<Rule> parsed = Fixtures.parse(Files.readString(file));
            assertThat(parsed.problems()).as(dir.relativize(file).toString()).isEmpty();
            assertThat(parsed.value().name()).isNotBlank();
        }
    }

    @Test
    void theSensuSampleReadsAsWritten() throws IOException {
        Path dir = compatDir();
        if (dir == null) {
            System.out.println("CompatRulesTest: REFLEX_SHARED_DIR/compat/st2 not found, skipping the StackStorm rule samples");
            return;
        }
        Rule r = Fixtures.rule(Files.readString(dir.resolve("stackstorm-sensu/rules/sample.loadavg_diag.yaml")));
        assertThat(r.ref()).isEqualTo("sensu.loadavg_check");
        assertThat(r.enabled()).isTrue();
        assertThat(r.trigger().type()).isEqualTo("sensu.event_handler");
        assertThat(r.criteria()).containsEntry("trigger.occurrences", new Rule.Criterion("gt", 1L, null))
                .containsEntry("trigger.check.output", new Rule.Criterion("matchregex", ".*CRITICAL.*", null));
        assertThat(r.action().parameters()).containsEntry("hostname", "{{trigger.client.address}}");
        Rule backstop = Fixtures.rule(Files.readString(dir.resolve("st2/st2tests/st2tests/fixtures/backstop/rules/backstop.yaml")));
        assertThat(backstop.type().backstop()).isTrue();
    }
}
