package dev.reflex.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing and validating settings: every problem at once, each with its path; good definitions still load. */
class SettingsParserTest {

    private static Parsed<SensuSettings> parse(String json) {
        return SettingsParser.parse(JsonValues.asMap(JsonValues.read(json)), "test.json");
    }

    private static List<String> problems(Parsed<?> parsed) {
        return parsed.problems().stream().map(p -> p.path() + " " + p.message()).toList();
    }

    @Test
    void reportsEveryCheckProblemWithItsPath() {
        Parsed<SensuSettings> parsed = parse("""
                {"checks": {
                  "bad name": {"command": "x", "interval": 60, "subscribers": ["a"]},
                  "nothing": {},
                  "both": {"command": "x", "extension": "y", "standalone": true, "interval": 0},
                  "typed": {"command": "x", "interval": 60.0, "subscribers": ["", 3], "ttl": -1, "ttl_status": "2",
                            "low_flap_threshold": 5, "aggregates": ["bad name"], "handlers": "mail",
                            "hooks": {"nope": {"command": 1}}, "truncate_output_length": 0,
                            "subdue": {"days": {"funday": []}}, "cron": 5, "source": "a b"},
                  "good": {"command": "true", "interval": 60, "subscribers": ["linux"]}
                }}
                """);
        assertThat(problems(parsed)).contains(
                "/checks/bad name check name may only contain letters, digits, '_', '.' and '-'",
                "/checks/nothing/command exactly one of command or extension must be set",
                "/checks/nothing/interval interval must be an integer greater than 0 (or set cron, or publish: false)",
                "/checks/nothing/subscribers subscribers must be an array (unless standalone is true)",
                "/checks/both/command exactly one of command or extension must be set",
                "/checks/both/interval interval must be an integer greater than 0 (or set cron, or publish: false)",
                "/checks/typed/cron cron must be a string",
                "/checks/typed/subscribers subscribers must each be a non-empty string",
                "/checks/typed/ttl ttl must be greater than 0",
                "/checks/typed/ttl_status ttl_status must be an integer",
                "/checks/typed/high_flap_threshold high_flap_threshold must be an integer when low_flap_threshold is set",
                "/checks/typed/handlers handlers must be an array",
                "/checks/typed/hooks/nope hook key must be a severity, a status from 0 to 255, or 'non-zero'",
                "/checks/typed/hooks/nope/command hook command must be a string",
                "/checks/typed/truncate_output_length truncate_output_length must be an integer greater than 0",
                "/checks/typed/subdue/days/funday 'funday' is not a day of the week or 'all'",
                "/checks/typed/source source may only contain letters, digits, '_', '.', '-' and one client token");
        assertThat(problems(parsed)).anyMatch(p -> p.startsWith("/checks/typed/aggregates "));
        assertThat(parsed.value().checks()).containsOnlyKeys("good");
        assertThat(parsed.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo("test.json"));
    }

    @Test
    void schedulingRules() {
        assertThat(parse("""
                {"checks": {
                  "unpublished": {"command": "x", "publish": false, "subscribers": []},
                  "standalone": {"command": "x", "standalone": true, "interval": 10},
                  "cron": {"command": "x", "cron": "*/5 * * * *", "subscribers": ["a"]},
                  "badcron": {"command": "x", "cron": "every day", "subscribers": ["a"]}
                }}
                """).problems()).extracting(ConfigProblem::path).containsExactly("/checks/badcron/cron");
    }

    @Test
    void handlerFilterAndMutatorRules() {
        Parsed<SensuSettings> parsed = parse("""
                {"handlers": {
                   "nocommand": {"type": "pipe"},
                   "sock": {"type": "tcp", "socket": {"host": 1, "port": "80"}},
                   "weird": {"type": "email", "severities": ["ok", "bad"], "handle_flapping": "yes"},
                   "set": {"type": "set", "handlers": ["a", ""]},
                   "transport": {"type": "transport", "pipe": {"type": "queue", "name": "events"}},
                   "ok": {"type": "reflex", "filters": ["production"], "severities": ["critical"]}
                 },
                 "filters": {"nothing": {"negate": "no"}, "when": {"attributes": {}, "when": {"days": {}}}},
                 "mutators": {"m": {"timeout": "5"}}}
                """);
        assertThat(problems(parsed)).contains(
                "/handlers/nocommand/command a pipe handler needs a command string",
                "/handlers/sock/socket/host socket host must be a string",
                "/handlers/sock/socket/port socket port must be an integer",
                "/handlers/weird/handle_flapping handle_flapping must be a boolean",
                "/handlers/set/handlers set handlers must each be a non-empty string",
                "/handlers/transport/pipe/type transport pipe type must be direct, fanout or topic",
                "/filters/nothing/negate filter negate must be a boolean",
                "/filters/nothing/attributes filter attributes must be an object",
                "/filters/when/when/days when days must name at least one day of the week or 'all'",
                "/mutators/m/command mutator command must be a string",
                "/mutators/m/timeout mutator timeout must be a number");
        assertThat(problems(parsed)).anyMatch(p -> p.startsWith("/handlers/weird/type unknown handler type 'email'"));
        assertThat(problems(parsed)).anyMatch(p -> p.startsWith("/handlers/weird/severities "));
        assertThat(parsed.value().handlers()).containsOnlyKeys("ok");
    }

    @Test
    void defaultsAndTheBuiltInDefaultHandler() {
        SensuSettings s = parse("{}").value();
        assertThat(s.spawnLimit()).isEqualTo(12);
        assertThat(s.keepalives()).isEqualTo(Map.of("thresholds", Map.of("warning", 120L, "critical", 180L)));
        assertThat(s.handler("default")).get().extracting(HandlerDefinition::kind).isInstanceOf(HandlerDefinition.Reflex.class);
        assertThat(s.handlerConfigured("default")).isFalse();
        assertThat(s.handler("nope")).isEmpty();
    }

    @Test
    void checkDefinitionsCarryTypedAttributesAndCustomOnes() {
        CheckDefinition c = parse("""
                {"checks": {"disk": {"command": "check-disk -w :::disk.warning|80:::", "subscribers": ["linux"],
                  "interval": 60, "handler": "mail", "aggregate": true, "type": "metric", "ttl": 90, "playbook": "http://x",
                  "hooks": {"critical": {"command": "df -h"}}, "occurrences": 3, "refresh": 600}}}
                """).value().check("disk").orElseThrow();
        assertThat(c.type()).isEqualTo(CheckDefinition.CheckType.METRIC);
        assertThat(c.handlers()).containsExactly("mail");
        assertThat(c.aggregates()).containsExactly("disk");
        assertThat(c.ttl()).isEqualTo(90);
        assertThat(c.hooks().get("critical")).isEqualTo(new CheckDefinition.CheckHook("df -h", 60, false));
        assertThat(c.custom()).containsOnlyKeys("playbook");
        assertThat(c.occurrences()).isEqualTo(3);
        assertThat(c.scheduledByServer()).isTrue();
        assertThat(c.attributes()).doesNotContainKey("name").containsEntry("interval", 60L);
    }

    @Test
    void clientDefinitionGetsItsOwnSubscription() {
        ClientDefinition c = parse("""
                {"client": {"name": "i-424242", "address": "127.0.0.1", "subscriptions": ["test"],
                            "keepalive": {"thresholds": {"warning": 10}}, "environment": "production"}}
                """).value().client().orElseThrow();
        assertThat(c.subscriptions()).containsExactly("test", "client:i-424242");
        assertThat(c.keepalive().warning()).isEqualTo(10);
        assertThat(c.keepalive().critical()).isNull();
        assertThat(c.keepalives()).isTrue();
        assertThat(c.custom()).containsOnlyKeys("environment");
    }

    @Test
    void loaderMergesConfDAndNamesTheFileOfEachProblem(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("config.json"), """
                {"checks": {"merger": {"command": "old", "subscribers": ["foo"]}, "broken": {"command": "x"}}}
                """);
        Path confD = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(confD.resolve("b.json"), "{\"checks\": {\"merger\": {\"command\": \"new\", \"subscribers\": [\"bar\"], \"interval\": 60}}}");
        Files.writeString(confD.resolve("a.json"), "");
        Files.writeString(confD.resolve("c.json"), "{ not json");
        Parsed<SensuSettings> parsed = SettingsLoader.loadSensuLayout(config, confD);
        CheckDefinition merger = parsed.value().check("merger").orElseThrow();
        assertThat(merger.command()).isEqualTo("new");
        assertThat(merger.subscribers()).containsExactly("foo", "bar");
        assertThat(parsed.problems()).anySatisfy(p -> {
            assertThat(p.file()).endsWith("c.json");
            assertThat(p.line()).isEqualTo(1);
        });
        assertThat(parsed.problems()).anySatisfy(p -> {
            assertThat(p.file()).endsWith("config.json");
            assertThat(p.path()).isEqualTo("/checks/broken/interval");
        });
    }

    @Test
    void checkResultsAreValidatedWithTheResultRules() {
        Map<String, Object> check = CheckResult.withDefaults(Map.of("name", "x y", "output", 5L),
                java.time.Clock.fixed(java.time.Instant.ofEpochSecond(100), java.time.ZoneOffset.UTC));
        assertThat(check).containsEntry("status", 0L).containsEntry("executed", 100L);
        assertThat(CheckResult.validate(check, "<api>").problems()).extracting(ConfigProblem::path)
                .containsExactly("/output", "/name");
    }
}
