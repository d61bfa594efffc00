package dev.reflex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.app.App;
import dev.reflex.testkit.EmbeddedReflex;
import dev.reflex.testkit.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reflex pack list} and {@code /api/v1/packs} against a server with a pack path. */
class PackCommandTest {

    @TempDir
    Path dir;

    @Test
    void lists_built_in_and_disk_packs_and_leaves_broken_ones_out() throws Exception {
        Path packs = dir.resolve("packs");
        Files.createDirectories(packs.resolve("ops/rules"));
        Files.writeString(packs.resolve("ops/pack.yaml"), """
                ref: ops
                name: ops
                description: Our runbooks
                version: 1.2.0
                author: Ops Team
                """);
        Files.createDirectories(packs.resolve("broken"));
        Files.writeString(packs.resolve("broken/pack.yaml"), "name: [unclosed\n");
        try (App app = EmbeddedReflex.start(EmbeddedReflex.config(dir.resolve("data")).withPackPaths(List.of(packs)))) {
            String url = "http://127.0.0.1:" + app.httpPort();
            KeyCommandTest.Run table = KeyCommandTest.run("pack", "list", "--url", url);
            assertThat(table.code()).as(table.err()).isZero();
            assertThat(table.out()).contains("| core").contains("| ops").contains("Our runbooks").contains("1.2.0")
                    .doesNotContain("broken");
            KeyCommandTest.Run json = KeyCommandTest.run("pack", "list", "--json", "--url", url);
            assertThat(json.out()).contains("\"ref\" : \"ops\"").contains("\"origin\" : \"builtin\"");
            assertThat(Http.local(app.httpPort()).get("/api/v1/packs/nope").statusCode()).isEqualTo(404);
            assertThat(Http.local(app.httpPort()).get("/api/v1/packs/ops").body()).contains("\"rules\":0");
        }
    }
}
