package dev.reflex.sensu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.packs.PackContent;
import dev.reflex.packs.PackContentTypes;
import dev.reflex.packs.PackDiscovery;
import dev.reflex.packs.PackSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sensu definitions from a pack's {@code checks/} and {@code handlers/} (YAML or Sensu JSON) and from
 * the data directory's Sensu layout, with problems located at file:line:col and good definitions kept.
 */
class SensuDefinitionsTest {

    @TempDir
    Path dir;

    PackSet pack() throws Exception {
        Path root = dir.resolve("packs/mon");
        Files.createDirectories(root.resolve("checks"));
        Files.createDirectories(root.resolve("handlers"));
        Files.writeString(root.resolve("pack.yaml"), """
                ref: mon
                name: mon
                version: 0.1.0
                description: monitoring checks
                author: ops
                """);
        Files.writeString(root.resolve("checks/load.yaml"), """
                load:
                  command: check_load -w 5 -c 10
                  subscribers: [linux]
                  interval: 60
                broken:
                  command: "true"
                  subscribers: [linux]
                  interval: -1
                """);
        Files.writeString(root.resolve("handlers/mail.json"), """
                {"handlers": {"mail": {"type": "pipe", "command": "mail -s alert ops"}}}
                """);
        return new PackDiscovery().discover(List.of(dir.resolve("packs")));
    }

    @Test
    void packDefinitionsLoadAndProblemsNameTheirLine() throws Exception {
        PackSet packs = pack();
        Path confd = SensuDefinitions.layoutDir(dir.resolve("data")).resolve("conf.d");
        Files.createDirectories(confd);
        Files.writeString(confd.resolve("disk.json"),
                "{\"checks\": {\"disk\": {\"command\": \"check_disk\", \"standalone\": true, \"interval\": 30}}}");
        var loaded = SensuDefinitions.load(dir.resolve("data"), packs.packs());
        assertThat(loaded.value().checks()).containsKeys("load", "disk").doesNotContainKey("broken");
        assertThat(loaded.value().handlers()).containsKey("mail");
        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("load.yaml");
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.message()).contains("interval");
        });
    }

    @Test
    void reflexValidateChecksPackDefinitions() throws Exception {
        PackSet packs = pack();
        var validation = new PackContent(PackContentTypes.standard()).validate(packs.packs());
        assertThat(validation.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("load.yaml");
            assertThat(p.line()).isEqualTo(8);
        });
    }
}
