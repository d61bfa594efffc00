package dev.reflex.rules.packs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.config.ConfigProblem;
import dev.reflex.config.LoadResult;
import dev.reflex.packs.PackContent;
import dev.reflex.packs.PackDiscovery;
import dev.reflex.packs.PackSet;
import dev.reflex.rules.Rule;
import dev.reflex.template.TemplateEngine;
import dev.reflex.triggers.TriggerType;
import dev.reflex.triggers.TriggerTypeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pack rule and trigger type files: good files load, bad ones are reported at file:line:col. */
class RuleFilesTest {

    @TempDir
    Path dir;

    @Test
    void aBrokenRuleIsReportedAtItsLineAndTheOthersLoad() throws Exception {
        Path pack = dir.resolve("mypack");
        Files.createDirectories(pack.resolve("rules"));
        Files.createDirectories(pack.resolve("triggers"));
        Files.createDirectories(pack.resolve("actions"));
        Files.writeString(pack.resolve("actions/go.yaml"), "name: go\nrunner_type: local-shell-cmd\n");
        Files.writeString(pack.resolve("triggers/thing.yaml"), "name: thing\npayload_schema:\n  type: object\n");
        Files.writeString(pack.resolve("rules/good.yaml"), """
                name: good
                trigger: {type: mypack.thing}
                action: {ref: mypack.go}
                """);
        Files.writeString(pack.resolve("rules/bad.yaml"), """
                name: bad
                trigger:
                  type: core.st2.webhook
                criteria:
                  trigger.body.x:
                    type: matchregexx
                    pattern: a
                action:
                  ref: mypack.go
                """);
        Files.writeString(pack.resolve("rules/otherpack.yaml"), "name: o\npack: elsewhere\ntrigger: {type: x.y}\naction: {ref: a.b}\n");
        PackSet set = new PackDiscovery().discover(List.of(pack));
        LoadResult<TriggerType> types = PackContent.load(set.packs(), new TriggerTypeFiles());
        assertThat(types.problems()).isEmpty();
        TriggerTypeRegistry registry = TriggerTypeRegistry.withBuiltins();
        types.values().forEach(registry::register);
        LoadResult<Rule> rules = PackContent.load(set.onDisk(), new RuleFiles(new TemplateEngine(), () -> registry,
                (p, action) -> PackActions.refs(p).contains(action)));
        assertThat(rules.values()).extracting(Rule::ref).containsExactly("mypack.good");
        assertThat(rules.values().getFirst().metadataFile()).isEqualTo("rules/good.yaml");
        assertThat(rules.warnings()).isEmpty();
        assertThat(rules.problems()).extracting(ConfigProblem::toString).anySatisfy(p ->
                assertThat(p).startsWith(pack.resolve("rules/bad.yaml") + ":6:").contains("matchregexx"))
                .anySatisfy(p -> assertThat(p).startsWith(pack.resolve("rules/bad.yaml") + ":3:")
                        .contains("'url' is a required property"))
                .anySatisfy(p -> assertThat(p).startsWith(pack.resolve("rules/otherpack.yaml") + ":2:")
                        .contains("is in pack 'mypack'"));
    }
}
