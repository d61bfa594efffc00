package dev.reflex.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reflex.runners.shell.ShellCommands;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a {@code remote_run} command on the agent: the same shell command as the SSH path, unsafe fields refused, no secret printed. */
class RemoteCommandTest {

    static Map<String, Object> command(Object... pairs) {
        Map<String, Object> m = new HashMap<>(Map.of("execution_id", "exec-1", "env", Map.of("A", "x y"), "cwd", "/var",
                "timeout", 5));
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void theShellCommandIsBuiltAsTheSshPathBuildsIt() {
        RemoteCommand sudo = RemoteCommand.parse(command("cmd", "id -u", "sudo", true, "sudo_password", "s3cret"));
        assertThat(sudo.shellCommand()).isEqualTo(ShellCommands.remoteCommand("id -u", Map.of("A", "x y"), "/var", true, true))
                .startsWith("sudo -S -E -- bash -c ").doesNotContain("s3cret");
        assertThat(sudo.asWritten()).isEqualTo("id -u");
        assertThat(sudo.timeoutSeconds()).isEqualTo(5);

        String content = "#!/bin/sh\necho hi\n";
        RemoteCommand script = RemoteCommand.parse(command("script", Map.of("name", "check.sh", "arguments", "--a=1 all",
                "dir", "/tmp/", "content_base64", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)))));
        assertThat(script.scriptPath()).hasValue("/tmp/exec-1/check.sh");
        assertThat(script.executionDir()).isEqualTo("/tmp/exec-1");
        assertThat(new String(script.scriptContent(), StandardCharsets.UTF_8)).isEqualTo(content);
        assertThat(script.asWritten()).isEqualTo("check.sh --a=1 all");
        assertThat(script.shellCommand()).isEqualTo(ShellCommands.remoteScript("/tmp/exec-1/check.sh", "--a=1 all",
                Map.of("A", "x y"), "/var", false, false));
    }

    @Test
    void unsafeOrMissingFieldsAreRefused() {
        assertThatThrownBy(() -> RemoteCommand.parse(command("execution_id", "../etc", "cmd", "x")))
                .hasMessageContaining("execution_id");
        assertThatThrownBy(() -> RemoteCommand.parse(command())).hasMessage("the command lacks cmd");
        assertThatThrownBy(() -> RemoteCommand.parse(command("script", Map.of("name", "../x", "content_base64", ""))))
                .hasMessageContaining("script name");
        assertThatThrownBy(() -> RemoteCommand.parse(command("script", Map.of("name", "x", "dir", "rel",
                "content_base64", "eA==")))).hasMessageContaining("absolute");
    }

    @Test
    void theSudoPasswordIsNeverPrinted() {
        Map<String, Object> raw = command("cmd", "id", "sudo", true, "sudo_password", "s3cret");
        assertThat(RemoteCommand.parse(raw).toString()).doesNotContain("s3cret");
        AgentMessage message = AgentMessage.parse(new AgentMessage.RemoteRun("r1", raw).toJson());
        assertThat(message).isInstanceOf(AgentMessage.RemoteRun.class);
        assertThat(message.toString()).doesNotContain("s3cret").isEqualTo("RemoteRun[id=r1]");
    }
}
