package dev.reflex.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reflex.config.ReflexConfig.ApiKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigResolverTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private Resolution resolve(Map<String, String> env, Overrides overrides) {
        return new ConfigResolver(env, dir).resolve(overrides);
    }

    private static List<String> errors(Resolution r) {
        return r.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void withNothingConfiguredTheDefaultsApply() {
        Resolution r = resolve(Map.of(), Overrides.none());
        assertThat(r.problems()).isEmpty();
        assertThat(r.files()).isEmpty();
        assertThat(r.config()).isEqualTo(ReflexConfig.defaults());
    }

    @Test
    void readsReflexYamlFromTheWorkingDirectoryAndResolvesPathsAgainstItsFolder() throws IOException {
        write("reflex.yaml", "data_dir: state\npacks: [packs, /opt/packs]\nstore: {commit_window: 5ms}\n");
        ReflexConfig c = resolve(Map.of(), Overrides.none()).orThrow();
        assertThat(c.dataDir()).isEqualTo(dir.resolve("state"));
        assertThat(c.packPaths()).containsExactly(dir.resolve("packs"), Path.of("/opt/packs"));
        assertThat(c.store().commitWindow()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void aConfigFileNamedOnTheCommandLineMustExist() throws IOException {
        write("conf/main.yaml", "http: {port: 9000}\n");
        assertThat(resolve(Map.of(), Overrides.none().withConfigFile(Path.of("conf/main.yaml"))).orThrow().http().port())
                .isEqualTo(9000);
        assertThat(errors(resolve(Map.of(), Overrides.none().withConfigFile(Path.of("nope.yaml")))))
                .containsExactly(dir.resolve("nope.yaml") + ": configuration file not found");
    }

    @Test
    void theEnvironmentOverlayIsDeepMergedOverTheBase() throws IOException {
        write("reflex.yaml", """
                http: {bind: 0.0.0.0, port: 9101, require_auth: true}
                store: {pool_size: 4, max_batch: 100}
                packs: [a, b]
                """);
        write("reflex.prod.yaml", """
                http: {port: 443}
                store: {url: "jdbc:postgresql://db/reflex"}
                packs: [c]
                """);
        ReflexConfig c = resolve(Map.of("REFLEX_ENV", "prod"), Overrides.none()).orThrow();
        assertThat(c.env()).isEqualTo("prod");
        assertThat(c.http().bind()).isEqualTo("0.0.0.0");
        assertThat(c.http().port()).isEqualTo(443);
        assertThat(c.http().requireAuth()).isTrue();
        assertThat(c.store().url()).isEqualTo("jdbc:postgresql://db/reflex");
        assertThat(c.store().maxBatch()).isEqualTo(100);
        assertThat(c.packPaths()).as("lists replace").containsExactly(dir.resolve("c"));
        assertThat(ConfigResolver.overlayFile(Path.of("etc/custom.json"), "ci")).isEqualTo(Path.of("etc/custom.ci.json"));
    }

    @Test
    void theFlagChoosesTheEnvironmentOverTheVariableAndAMissingOverlayIsAnError() throws IOException {
        write("reflex.yaml", "http: {port: 1000}\n");
        write("reflex.ci.yaml", "http: {port: 2000}\n");
        assertThat(resolve(Map.of("REFLEX_ENV", "nope"), Overrides.none().withEnv("ci")).orThrow().http().port())
                .isEqualTo(2000);
        assertThat(errors(resolve(Map.of("REFLEX_ENV", "staging"), Overrides.none()))).containsExactly(
                dir.resolve("reflex.staging.yaml") + ": the overlay for environment 'staging' is missing: "
                        + "expected reflex.staging.yaml beside reflex.yaml");
        assertThat(errors(resolve(Map.of(), Overrides.none().withEnv("../etc")))).containsExactly(
                "option --env: environment name '../etc' may only contain letters, digits, '-' and '_'");
    }

    @Test
    void errorsInTheOverlayPointIntoTheOverlay() throws IOException {
        write("reflex.yaml", "http: {port: 1000}\n");
        write("reflex.prod.yaml", "http:\n  port: high\n  prot: 1\n");
        assertThat(errors(resolve(Map.of(), Overrides.none().withEnv("prod")))).containsExactly(
                dir.resolve("reflex.prod.yaml") + ":2:9: expected an integer but found a string (\"high\") (at /http/port)",
                dir.resolve("reflex.prod.yaml") + ":3:3: unknown field 'prot' (did you mean 'port'?); known fields: "
                        + "bind, port, max_request_bytes, require_auth (at /http/prot)");
    }

    @Test
    void tokensComeFromTheValuesFileThenFromTheEnvironment() throws IOException {
        write("reflex.yaml", """
                values_file: values/prod.yaml
                http:
                  bind: "@@BIND@@"
                  port: "@@PORT@@"
                  require_auth: "@@AUTH@@"
                store:
                  url: "jdbc:postgresql://@@DB_HOST@@:5432/reflex"
                  password: "@@DB_PASSWORD@@"
                  commit_window: "@@WINDOW@@"
                """);
        write("values/prod.yaml", "BIND: 10.0.0.1\nPORT: 8080\nAUTH: true\nDB_HOST: db.prod\nWINDOW: 2ms\n");
        ReflexConfig c = resolve(Map.of("DB_PASSWORD", "from-env", "DB_HOST", "ignored"), Overrides.none()).orThrow();
        assertThat(c.http().bind()).isEqualTo("10.0.0.1");
        assertThat(c.http().port()).as("a token-only string may fill a number").isEqualTo(8080);
        assertThat(c.http().requireAuth()).isTrue();
        assertThat(c.store().url()).isEqualTo("jdbc:postgresql://db.prod:5432/reflex");
        assertThat(c.store().password()).isEqualTo("from-env");
        assertThat(c.store().commitWindow()).isEqualTo(Duration.ofMillis(2));
    }

    @Test
    void oneErrorNamesEveryUnresolvedTokenAndWhereItAppears() throws IOException {
        Path base = write("reflex.yaml", "http:\n  bind: \"@@BIND@@\"\nstore:\n  url: \"jdbc:postgresql://@@HOST@@/@@DB@@\"\n");
        Path overlay = write("reflex.prod.yaml", "store:\n  user: \"@@HOST@@\"\n");
        Resolution r = resolve(Map.of("DB", "reflex"), Overrides.none().withEnv("prod"));
        assertThat(errors(r)).containsExactly(base + ":2:9: 2 unresolved tokens: @@BIND@@ (" + base + ":2:9), @@HOST@@ ("
                + base + ":4:8, " + overlay + ":2:9); set each in the values file or as an environment variable");
    }

    @Test
    void aSubstitutedValueMustStillFitItsField() throws IOException {
        Path base = write("reflex.yaml", "http:\n  port: \"@@PORT@@\"\n");
        assertThat(errors(resolve(Map.of("PORT", "eighty"), Overrides.none()))).containsExactly(
                base + ":2:9: expected an integer but the substituted value is 'eighty' (at /http/port)");
    }

    @Test
    void theValuesFlagWinsAndAMissingValuesFileIsAnError() throws IOException {
        Path base = write("reflex.yaml", "values_file: missing.yaml\nhttp: {bind: \"@@BIND@@\"}\n");
        write("ci-values.json", "{\"BIND\": \"127.0.0.2\"}");
        assertThat(resolve(Map.of(), Overrides.none().withValuesFile(Path.of("ci-values.json"))).orThrow().http().bind())
                .isEqualTo("127.0.0.2");
        assertThat(errors(resolve(Map.of("BIND", "x"), Overrides.none()))).containsExactly(
                base + ":1:14: values file not found: " + dir.resolve("missing.yaml"));
        write("bad-values.yaml", "BIND: {nested: true}\n");
        assertThat(errors(resolve(Map.of(), Overrides.none().withValuesFile(Path.of("bad-values.yaml")))))
                .first().asString().isEqualTo(dir.resolve("bad-values.yaml")
                        + ":1:7: expected a plain value (text, a number or a boolean) but found a map (at /BIND)");
    }

    @Test
    void environmentVariablesOverrideTheFile() throws IOException {
        write("reflex.yaml", "data_dir: from-file\nhttp: {port: 1000}\napi_keys: [{name: file, key: k}]\n");
        ReflexConfig c = resolve(Map.of(
                "REFLEX_DATA_DIR", "/srv/reflex",
                "REFLEX_HTTP_BIND", "0.0.0.0",
                "REFLEX_HTTP_PORT", "2000",
                "REFLEX_STORE_URL", "jdbc:postgresql://db/reflex",
                "REFLEX_STORE_USER", "reflex",
                "REFLEX_STORE_PASSWORD", "pw",
                "REFLEX_PACKS", "packs:/opt/more::",
                "REFLEX_API_KEYS", "ci:abc, ops:def:admin"), Overrides.none()).orThrow();
        assertThat(c.dataDir()).isEqualTo(Path.of("/srv/reflex"));
        assertThat(c.http().bind()).isEqualTo("0.0.0.0");
        assertThat(c.http().port()).isEqualTo(2000);
        assertThat(c.store().url()).isEqualTo("jdbc:postgresql://db/reflex");
        assertThat(c.store().user()).isEqualTo("reflex");
        assertThat(c.store().password()).isEqualTo("pw");
        assertThat(c.packPaths()).containsExactly(dir.resolve("packs"), Path.of("/opt/more"));
        assertThat(c.apiKeys()).containsExactly(new ApiKey("ci", "abc", false), new ApiKey("ops", "def", true));
    }

    @Test
    void invalidEnvironmentVariablesAreReportedWithoutPrintingSecrets() {
        Resolution r = resolve(Map.of(
                "REFLEX_HTTP_PORT", "http",
                "REFLEX_STORE_URL", "postgres://db",
                "REFLEX_API_KEYS", "ci:secret-one:root,ops,dup:a,dup:secret-two",
                "REFLEX_DATA_DIR", ""), Overrides.none());
        assertThat(errors(r)).containsExactly(
                "environment variable REFLEX_HTTP_PORT: expected a port number (0-65535) but found 'http'",
                "environment variable REFLEX_STORE_URL: expected a JDBC URL such as jdbc:postgresql://db:5432/reflex",
                "environment variable REFLEX_API_KEYS: entry 1 ('ci') ends with 'root'; the only flag is 'admin'",
                "environment variable REFLEX_API_KEYS: entry 2 must look like name:key or name:key:admin",
                "environment variable REFLEX_API_KEYS: duplicate API key name 'dup'");
        assertThat(String.join("\n", errors(r))).doesNotContain("secret");
        assertThat(r.config()).isNull();
    }

    @Test
    void flagsWinOverEverything() throws IOException {
        write("reflex.yaml", "http: {port: 1000}\npacks: [a]\n");
        Overrides flags = Overrides.none().withHttpPort(3000).withDataDir(Path.of("d")).withPacks(List.of(Path.of("p")));
        ReflexConfig c = resolve(Map.of("REFLEX_HTTP_PORT", "2000", "REFLEX_DATA_DIR", "e"), flags).orThrow();
        assertThat(c.http().port()).isEqualTo(3000);
        assertThat(c.dataDir()).isEqualTo(dir.resolve("d"));
        assertThat(c.packPaths()).containsExactly(dir.resolve("p"));
        assertThat(errors(resolve(Map.of(), Overrides.none().withHttpPort(-5))))
                .containsExactly("option --http-port: must be between 0 and 65535 but is -5");
    }

    @Test
    void theChatSectionBindsAndIsNotConfiguredByDefault() throws IOException {
        assertThat(resolve(Map.of(), Overrides.none()).config().chat().configured()).isFalse();
        write("reflex.yaml", """
                chat:
                  platform: slack
                  token_key: slack_bot_token
                  channel: "#ops"
                  max_chars: 3000
                  timeout: 5s
                  max_retries: 1
                """);
        ReflexConfig.Chat chat = resolve(Map.of(), Overrides.none()).config().chat();
        assertThat(chat.configured()).isTrue();
        assertThat(chat).isEqualTo(new ReflexConfig.Chat("slack", null, "slack_bot_token", "#ops", 3000,
                Duration.ofSeconds(5), 1));
        write("reflex.yaml", "chat: {platform: mattermost, url: \"kv:mm_hook\"}\n");
        assertThat(resolve(Map.of(), Overrides.none()).config().chat().url()).isEqualTo("kv:mm_hook");
    }

    @Test
    void theSmtpSectionBindsAndItsMistakesAreReportedWhereTheyAre() throws IOException {
        assertThat(resolve(Map.of(), Overrides.none()).config().smtp()).isNull();
        write("reflex.yaml", """
                smtp:
                  host: mail.example.org
                  port: 587
                  security: starttls_required
                  username: reflex
                  password: "kv:smtp_password"
                  from: reflex@example.org
                  timeout: 10s
                """);
        assertThat(resolve(Map.of(), Overrides.none()).config().smtp()).isEqualTo(new ReflexConfig.Smtp(
                "mail.example.org", 587, "starttls_required", "reflex", "kv:smtp_password", "reflex@example.org",
                Duration.ofSeconds(10)));
        write("reflex.yaml", "smtp:\n  port: 70000\n  security: ssl\n  password: x\n");
        assertThat(errors(resolve(Map.of(), Overrides.none()))).hasSize(4)
                .anyMatch(e -> e.contains("missing required field 'host'"))
                .anyMatch(e -> e.contains(":2:9: must be between 1 and 65535 but is 70000 (at /smtp/port)"))
                .anyMatch(e -> e.contains(":3:13: unknown value 'ssl'") && e.contains("(at /smtp/security)"))
                .anyMatch(e -> e.contains("'password' needs 'username' (at /smtp)"));
    }

    @Test
    void theSensuApiPortIsOffUnlessConfiguredAndItsMistakesAreReportedWhereTheyAre() throws IOException {
        assertThat(resolve(Map.of(), Overrides.none()).config().sensuApi()).isNull();
        write("reflex.yaml", "sensu:\n  api: {}\n");
        assertThat(resolve(Map.of(), Overrides.none()).orThrow().sensuApi())
                .isEqualTo(new ReflexConfig.SensuApi("127.0.0.1", 4567, null, null));
        write("reflex.yaml", "sensu:\n  api:\n");
        assertThat(resolve(Map.of(), Overrides.none()).orThrow().sensuApi()).as("an empty api: is not set").isNull();
        write("reflex.yaml", """
                sensu:
                  api:
                    bind: 0.0.0.0
                    port: 4568
                    user: admin
                    password: "kv:sensu_api_password"
                """);
        ReflexConfig.SensuApi api = resolve(Map.of(), Overrides.none()).orThrow().sensuApi();
        assertThat(api).isEqualTo(new ReflexConfig.SensuApi("0.0.0.0", 4568, "admin", "kv:sensu_api_password"));
        assertThat(api.toString()).doesNotContain("sensu_api_password");

        write("reflex.yaml", """
                http: {port: 9200}
                sensu:
                  api:
                    bind: 0.0.0.0
                    port: 9200
                    passwd: x
                """);
        assertThat(errors(resolve(Map.of(), Overrides.none()))).hasSize(3)
                .anyMatch(e -> e.contains(":5:11: the Sensu API port must differ from http.port (9200) (at /sensu/api/port)"))
                .anyMatch(e -> e.contains(":4:11: the Sensu API is bound to 0.0.0.0, which is not loopback, but has no 'user'")
                        && e.contains("(at /sensu/api/bind)"))
                .anyMatch(e -> e.contains(":6:5: unknown field 'passwd' (did you mean 'password'?)"));
        write("reflex.yaml", "sensu:\n  api:\n    user: admin\n    port: 70000\n");
        assertThat(errors(resolve(Map.of(), Overrides.none()))).hasSize(2)
                .anyMatch(e -> e.contains("'user' needs 'password'") && e.contains("(at /sensu/api)"))
                .anyMatch(e -> e.contains("must be between 0 and 65535 but is 70000 (at /sensu/api/port)"));
        write("reflex.yaml", "sensu:\n  api:\n    password: \"@@SENSU_PW@@\"\n    user: \"a:b\"\n");
        assertThat(errors(resolve(Map.of("SENSU_PW", "hunter2"), Overrides.none()))).singleElement()
                .satisfies(e -> assertThat(e).contains("'a:b' is not valid: a user name without ':' or spaces")
                        .doesNotContain("hunter2"));
        write("reflex.yaml", "sensu:\n  api:\n    user: admin\n    password: \"@@SENSU_PW@@\"\n");
        assertThat(resolve(Map.of("SENSU_PW", "hunter2"), Overrides.none()).orThrow().sensuApi().password())
                .as("a token fills the password from the environment").isEqualTo("hunter2");
    }

    @Test
    void chatMistakesAreReportedWhereTheyAre() throws IOException {
        write("reflex.yaml", """
                chat:
                  platform: slak
                """);
        assertThat(errors(resolve(Map.of(), Overrides.none()))).containsExactly(dir.resolve("reflex.yaml")
                + ":2:13: unknown value 'slak' (did you mean 'slack'?); expected one of: slack, slack-webhook, mattermost, teams, webhook (at /chat/platform)");
        write("reflex.yaml", """
                chat:
                  platform: slack-webhook
                  token_key: slack_bot_token
                  url: hooks.slack.com/services/T/B/secret
                  max_retries: 50
                """);
        assertThat(errors(resolve(Map.of(), Overrides.none()))).containsExactly(
                dir.resolve("reflex.yaml") + ":3:14: 'token_key' is only used by platform 'slack'; a webhook URL carries its own secret (at /chat/token_key)",
                dir.resolve("reflex.yaml") + ":4:8: 'hooks.slack.com/services/T/B/secret' is not valid: expected an http(s) URL or a kv:NAME reference (at /chat/url)",
                dir.resolve("reflex.yaml") + ":5:16: must be between 0 and 10 but is 50 (at /chat/max_retries)");
        write("reflex.yaml", "chat:\n  platform: teams\n");
        assertThat(errors(resolve(Map.of(), Overrides.none()))).containsExactly(dir.resolve("reflex.yaml")
                + ":2:3: platform 'teams' needs 'url': the webhook to post to (at /chat)");
        write("reflex.yaml", "chat:\n  channel: \"#ops\"\n");
        assertThat(errors(resolve(Map.of(), Overrides.none()))).singleElement().asString()
                .contains("missing required field 'platform'");
    }

    @Test
    void loadThrowsOneExceptionWithEveryProblem() throws IOException {
        write("reflex.yaml", "http: {port: x}\nstore: {pool_size: 0}\n");
        assertThatThrownBy(() -> new ConfigResolver(Map.of("REFLEX_HTTP_PORT", "y"), dir).load(Overrides.none()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(3))
                .hasMessageContaining("reflex.yaml:1:14: expected an integer")
                .hasMessageContaining("reflex.yaml:2:20: must be between 1 and 1000 but is 0")
                .hasMessageContaining("REFLEX_HTTP_PORT");
    }

    @Test
    void aSyntaxErrorInTheBaseStillReportsTheOverlaysErrors() throws IOException {
        write("reflex.yaml", "http: [\n");
        write("reflex.prod.yaml", "a: 1\na: 2\n");
        assertThat(errors(resolve(Map.of(), Overrides.none().withEnv("prod")))).hasSize(2)
                .anySatisfy(e -> assertThat(e).contains("reflex.yaml:2:1: syntax error"))
                .anySatisfy(e -> assertThat(e).contains("reflex.prod.yaml:2:1: duplicate key 'a'"));
    }
}
