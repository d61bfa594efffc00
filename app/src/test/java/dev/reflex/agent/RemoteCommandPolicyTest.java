package dev.reflex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.config.ConfigProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's remote command settings: defaults, globs that stop at shell control characters, regexes, and located errors. */
class RemoteCommandPolicyTest {

    @TempDir
    Path dir;

    @Test
    void commandsAreRefusedUnlessSwitchedOn() {
        assertThat(RemoteCommandPolicy.of(Map.of("name", "a")).refusal("uptime"))
                .hasValue("remote commands are not allowed on this agent (allow_remote_commands is false)");
        assertThat(RemoteCommandPolicy.of(Map.of("allow_remote_commands", false)).allowed()).isFalse();
        assertThat(RemoteCommandPolicy.of(Map.of("allow_remote_commands", true)).refusal("rm -rf /")).isEmpty();
    }

    @Test
    void globsMatchTheWholeCommandButNeverAcrossShellControlCharacters() {
        RemoteCommandPolicy policy = RemoteCommandPolicy.of(Map.of("allow_remote_commands", true,
                "allowed_remote_commands", List.of("systemctl status *", "glob:df -?", "uptime")));
        assertThat(policy.refusal("systemctl status nginx")).isEmpty();
        assertThat(policy.refusal("systemctl status nginx.service --no-pager")).isEmpty();
        assertThat(policy.refusal("df -h")).isEmpty();
        assertThat(policy.refusal("uptime")).isEmpty();
        assertThat(policy.refusal("uptime ")).isPresent();
        assertThat(policy.refusal("sudo uptime")).isPresent();
        for (String sneaky : List.of("systemctl status x; id", "systemctl status x && id", "systemctl status $(id)",
                "systemctl status `id`", "systemctl status x | sh", "systemctl status x > /etc/passwd",
                "systemctl status x\nid")) {
            assertThat(policy.refusal(sneaky)).as(sneaky).hasValue("the command matches none of the 3 pattern(s) of"
                    + " allowed_remote_commands");
        }
        assertThat(RemoteCommandPolicy.compile("a.b*").matcher("axb").matches()).as("'.' is literal in a glob").isFalse();
    }

    @Test
    void regularExpressionsMustMatchTheWholeCommand() {
        RemoteCommandPolicy policy = RemoteCommandPolicy.of(Map.of("allow_remote_commands", true,
                "allowed_remote_commands", List.of("re:journalctl -u [a-z-]+( -n [0-9]+)?")));
        assertThat(policy.refusal("journalctl -u reflex-agent -n 50")).isEmpty();
        assertThat(policy.refusal("journalctl -u reflex-agent -n 50; id")).isPresent();
        assertThat(policy.refusal("sudo journalctl -u x")).isPresent();
    }

    @Test
    void badSettingsAreReportedAtTheirFileLineAndColumn() throws Exception {
        Path file = dir.resolve("client.yaml");
        Files.writeString(file, """
                client:
                  name: web-01
                  subscriptions: []
                  allow_remote_commands: "yes"
                  allowed_remote_commands:
                    - uptime
                    - "re:df ("
                    - 3
                """);
        List<ConfigProblem> problems = AgentSettings.load(List.of(file)).problems();
        assertThat(problems).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                file + ":4:26: allow_remote_commands must be a boolean (at /client/allow_remote_commands)",
                file + ":7:7: invalid regular expression: Unclosed group near index 4 (at /client/allowed_remote_commands/1)",
                file + ":8:7: a command pattern must be a non-empty string (at /client/allowed_remote_commands/2)");

        Files.writeString(file, """
                client:
                  name: web-01
                  subscriptions: []
                  allowed_remote_commands: uptime
                """);
        assertThat(AgentSettings.load(List.of(file)).problems()).extracting(ConfigProblem::toString).containsExactly(
                file + ":4:28: allowed_remote_commands must be an array of command patterns (at /client/allowed_remote_commands)");
    }
}
