package dev.reflex.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.config.ConfigProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Sensu definition under {@code ../shared/compat/sensu/} (read in place) loads, or is rejected
 * for the reason Sensu would reject it. Settings directories are loaded as Sensu loads them
 * ({@code config.json} then {@code conf.d}); documentation blocks are classified by shape: settings,
 * a check result, a client registry entry, a time window, an event list or an aggregate summary.
 */
class SensuCompatFilesTest {

    static Path root;

    @BeforeAll
    static void locate() {
        String shared = System.getenv("REFLEX_SHARED_DIR");
        Path dir = shared == null ? null : Path.of(shared, "compat", "sensu");
        if (dir == null || !Files.isDirectory(dir)) {
            System.out.println("NOTICE: REFLEX_SHARED_DIR/compat/sensu not found; Sensu compatibility files skipped");
        }
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir), "shared Sensu compat files are absent");
        root = dir;
    }

    /** The expected problem paths of each documentation block (absent: it loads cleanly). */
    private static final Map<String, List<String>> DOC_REJECTIONS = new TreeMap<>(Map.ofEntries(
            // interval is a token (a string) and there are no subscribers: not a valid server definition
            Map.entry("checks.md.json-blocks/block-03.json", List.of("/checks/check_disk_usage/interval",
                    "/checks/check_disk_usage/subscribers")),
            Map.entry("checks.md.json-blocks/block-04.json", List.of("/checks/check_disk_usage/subscribers")),
            // "...": "..." placeholders stand for the attributes the example leaves out
            Map.entry("checks.md.json-blocks/block-08.json", List.of("/checks/check-printer/command",
                    "/checks/check-printer/interval", "/checks/check-printer/subscribers")),
            Map.entry("checks.md.json-blocks/block-10.json", List.of("/check/output")),
            Map.entry("checks.md.json-blocks/block-11.json", List.of("/check/output")),
            Map.entry("clients.md.json-blocks/block-00.json", List.of("/check/output")),
            Map.entry("clients.md.json-blocks/block-05.json", List.of("/client/address", "/client/subscriptions")),
            Map.entry("clients.md.json-blocks/block-06.json", List.of("/client/address", "/client/subscriptions")),
            Map.entry("clients.md.json-blocks/block-07.json", List.of("/client/address", "/client/subscriptions")),
            Map.entry("clients.md.json-blocks/block-08.json", List.of("/client/address", "/client/subscriptions")),
            Map.entry("clients.md.json-blocks/block-09.json", List.of("/client/address", "/client/subscriptions")),
            Map.entry("clients.md.json-blocks/block-10.json", List.of("/client/address", "/client/subscriptions")),
            Map.entry("clients.md.json-blocks/block-11.json", List.of("/client/address", "/client/subscriptions")),
            Map.entry("clients.md.json-blocks/block-12.json", List.of("/client/address", "/client/subscriptions")),
            Map.entry("clients.md.json-blocks/block-13.json", List.of("/client/address", "/client/subscriptions")),
            Map.entry("clients.md.json-blocks/block-14.json", List.of("/client/address", "/client/subscriptions")),
            Map.entry("clients.md.json-blocks/block-15.json", List.of("/client/address", "/client/subscriptions")),
            Map.entry("clients.md.json-blocks/block-16.json", List.of("/client/address", "/client/subscriptions")),
            Map.entry("clients.md.json-blocks/block-17.json", List.of("/client/address", "/client/subscriptions")),
            Map.entry("handlers.md.json-blocks/block-00.json", List.of("/client/address", "/client/subscriptions"))));

    @Test
    void sensuSpecSettingsLoadWithTheirConfD() {
        Path dir = root.resolve("sensu/spec");
        Parsed<SensuSettings> parsed = SettingsLoader.loadSensuLayout(dir.resolve("config.json"), dir.resolve("conf.d"));
        assertThat(parsed.problems()).isEmpty();
        SensuSettings s = parsed.value();
        assertThat(s.checks()).containsKeys("tokens", "standalone", "merger", "source", "roundrobin", "unpublished",
                "unpublished_proxy", "cron", "hooked");
        CheckDefinition merger = s.check("merger").orElseThrow();
        assertThat(merger.command()).isEqualTo("echo -n merger");
        assertThat(merger.subscribers()).containsExactly("test");
        assertThat(merger.interval()).isEqualTo(60);
        assertThat(s.check("standalone").orElseThrow().ttlStatus()).isEqualTo(2);
        assertThat(s.check("cron").orElseThrow().cron()).isEqualTo("* * * * *");
        assertThat(s.check("hooked").orElseThrow().hooks().get("warning").timeout()).isEqualTo(5.0);
        assertThat(s.check("unpublished_proxy").orElseThrow().proxyRequests().clientAttributes())
                .containsEntry("name", "i-424242");
        assertThat(s.handlers()).hasSize(14);
        assertThat(s.handler("tcp").orElseThrow().kind()).isEqualTo(new HandlerDefinition.Tcp("127.0.0.1", 1234));
        assertThat(s.handler("filtered").orElseThrow().filters()).containsExactly("development");
        assertThat(s.filter("offhours").orElseThrow().when()).isNotNull();
        assertThat(s.mutators()).containsOnlyKeys("tag", "explode");
        ClientDefinition client = s.client().orElseThrow();
        assertThat(client.keepalive().warning()).isEqualTo(10);
        assertThat(client.subscriptions()).containsExactly("test", "roundrobin:test", "all", "client:i-424242");
    }

    @Test
    void sensuSpecConfigAloneLacksTheSubscribersConfDAdds() {
        Parsed<SensuSettings> parsed = SettingsLoader.load(List.of(root.resolve("sensu/spec/config.json")));
        assertThat(parsed.problems()).extracting(ConfigProblem::path).containsExactly("/checks/merger/subscribers");
        assertThat(parsed.value().checks()).doesNotContainKey("merger").containsKey("tokens");
    }

    @Test
    void sensuSettingsAssetsLoad() {
        Path dir = root.resolve("sensu-settings/spec/assets");
        Parsed<SensuSettings> parsed = SettingsLoader.loadSensuLayout(dir.resolve("config.json"), dir.resolve("conf.d"));
        assertThat(parsed.problems()).isEmpty();
        CheckDefinition merger = parsed.value().check("merger").orElseThrow();
        assertThat(merger.subscribers()).containsExactly("foo", "bar");
        assertThat(merger.interval()).isEqualTo(60);
        Parsed<SensuSettings> app = SettingsLoader.load(List.of(dir.resolve("app/config/sensu/app_http_endpoint.json")));
        assertThat(app.problems()).isEmpty();
        assertThat(app.value().check("app_http_endpoint").orElseThrow().standalone()).isTrue();
    }

    @Test
    void everyDocumentationBlockLoadsOrIsRejectedForSensusReason() {
        Path docs = root.resolve("sensu-docs/content/sensu-core/1.9/reference");
        Map<String, List<String>> actual = new TreeMap<>();
        List<String> loaded = new ArrayList<>();
        for (Path file : jsonFiles(docs)) {
            String name = docs.relativize(file).toString();
            List<String> problems = CompatDocuments.check(file);
            if (problems.isEmpty()) {
                loaded.add(name);
            } else {
                actual.put(name, problems);
            }
        }
        assertThat(actual).isEqualTo(DOC_REJECTIONS);
        assertThat(loaded).hasSize(60 - DOC_REJECTIONS.size());
    }

    static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
