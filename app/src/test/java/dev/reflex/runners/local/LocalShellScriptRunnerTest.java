package dev.reflex.runners.local;

import java.time.Clock;
import dev.reflex.actions.ParameterSpec;
import dev.reflex.actions.ParameterType;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LocalShellScriptRunnerTest {

    private final LocalShellRunner scripts = LocalShellRunner.script(LocalRunnerConfig.defaults());
    private final LocalShellRunner commands = LocalShellRunner.command(LocalRunnerConfig.defaults());

    @TempDir
    Path dir;

    private Path argvScript() throws IOException {
        Path script = dir.resolve("argv.sh");
        Files.writeString(script, "#!/bin/sh\nfor a in \"$@\"; do printf '[%s]\\n' \"$a\"; done\necho \"debug=$ST2_ACTION_DEBUG\" >&2\n");
        return script;
    }

    @Test
    void scriptGetsNamedThenPositionalArgumentsAsSeparateWords() throws IOException {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", true);
        params.put("quiet", false);
        params.put("message", "it's; $(touch pwned)");
        params.put("tags", List.of("a", "b"));
        params.put("search", "state");
        params.put("criteria", "D R");
        RunOutcome outcome = scripts.run(RunRequest.of("e1", "linux.check").withEntryPoint(argvScript())
                .withActionParameters(params)
                .withActionParameterSpecs(List.of(
                        ParameterSpec.of("search", ParameterType.STRING).atPosition(0),
                        ParameterSpec.of("criteria", ParameterType.STRING).atPosition(1))), RunContext.standalone(Clock.systemUTC()));

        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(outcome.result().get("stdout")).isEqualTo(String.join("\n",
                "[--verbose]", "[--message=it's; $(touch pwned)]", "[--tags=['a', 'b']]", "[state]", "[D R]"));
        assertThat(outcome.result()).containsEntry("stderr", "debug=False");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void kwargOpChangesThePrefixAndScriptIsMadeExecutable() throws IOException {
        Path script = argvScript();
        assertThat(Files.isExecutable(script)).isFalse();
        RunOutcome outcome = scripts.run(RunRequest.of("e2", "p.a").withEntryPoint(script)
                .withRunnerParameters(Map.of("kwarg_op", "-"))
                .withActionParameters(Map.of("n", 5)), RunContext.standalone(Clock.systemUTC()));
        assertThat(outcome.result()).containsEntry("stdout", "[-n=5]");
        assertThat(Files.isExecutable(script)).isTrue();
    }

    @Test
    void missingEntryPointIsStackStormsError() {
        RunOutcome outcome = scripts.run(RunRequest.of("e3", "p.a"), RunContext.standalone(Clock.systemUTC()));
        assertThat(outcome.result()).containsEntry("error", "Missing entry_point action metadata attribute");
    }

    @Test
    void sudoWrapsTheCommandInBashAndPassesThePasswordOnStdin() throws IOException {
        Path bin = dir.resolve("bin");
        FakeSudo.install(bin);
        Map<String, Object> env = Map.of("PATH", bin + ":" + System.getenv("PATH"));

        RunOutcome plain = commands.run(RunRequest.of("e4", "core.local_sudo").withRunnerParameters(Map.of(
                "cmd", "echo \"as $0\"", "sudo", true, "env", env)), RunContext.standalone(Clock.systemUTC()));
        assertThat(plain.result()).containsEntry("stdout", "as bash");
        assertThat(Files.readAllLines(bin.resolve("sudo.args"))).containsExactly("-E", "--", "bash", "-c", "echo \"as $0\"");

        RunOutcome withPassword = commands.run(RunRequest.of("e5", "core.local_sudo").withRunnerParameters(Map.of(
                "cmd", "id -u >/dev/null && echo ok", "sudo", true, "sudo_password", "kv:sudo_pw", "env", env)),
                RunContext.standalone(Clock.systemUTC()).withSecrets(name -> name.equals("sudo_pw") ? Optional.of("right") : Optional.empty()));
        assertThat(withPassword).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(withPassword.result()).containsEntry("stdout", "ok");
        assertThat(Files.readAllLines(bin.resolve("sudo.args")).getFirst()).isEqualTo("-S");
        assertThat(Files.readString(bin.resolve("sudo.password"))).isEqualTo("right");
        assertThat(withPassword.result().toString()).doesNotContain("right");
    }

    @Test
    void wrongSudoPasswordIsStackStormsClearError() throws IOException {
        Path bin = dir.resolve("bin");
        FakeSudo.install(bin);
        RunOutcome outcome = commands.run(RunRequest.of("e6", "core.local_sudo").withRunnerParameters(Map.of(
                "cmd", "echo never", "sudo", true, "sudo_password", "wrong-secret",
                "env", Map.of("PATH", bin + ":" + System.getenv("PATH")))), RunContext.standalone(Clock.systemUTC()));
        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        assertThat(outcome.result()).containsEntry("return_code", -1).containsEntry("error",
                "Invalid sudo password provided or sudo is not configured for this user (tester)");
        assertThat(outcome.result().toString()).doesNotContain("wrong-secret");
    }

    @Test
    void sudoScriptRunsPathAndArgumentsInsideBash() throws IOException {
        Path bin = dir.resolve("bin");
        FakeSudo.install(bin);
        RunOutcome outcome = scripts.run(RunRequest.of("e7", "p.a").withEntryPoint(argvScript())
                .withRunnerParameters(Map.of("sudo", true, "env", Map.of("PATH", bin + ":" + System.getenv("PATH"))))
                .withActionParameters(Map.of("x", "a b")), RunContext.standalone(Clock.systemUTC()));
        assertThat(outcome.result()).containsEntry("stdout", "[--x=a b]");
        assertThat(Files.readAllLines(bin.resolve("sudo.args")).getLast()).isEqualTo(dir.resolve("argv.sh") + " --x='a b'");
    }
}
