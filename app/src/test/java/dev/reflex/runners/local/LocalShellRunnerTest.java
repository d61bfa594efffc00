package dev.reflex.runners.local;

import java.time.Clock;
import dev.reflex.runners.Cancellation;
import dev.reflex.runners.OutputType;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import dev.reflex.runners.shell.ShellQuote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LocalShellRunnerTest {

    private final LocalShellRunner runner = LocalShellRunner.command(LocalRunnerConfig.defaults());

    @TempDir
    Path dir;

    private RunOutcome run(Map<String, ?> params) {
        return runner.run(RunRequest.of("exec-1", "core.local").withRunnerParameters(params), RunContext.standalone(Clock.systemUTC()));
    }

    @Test
    void successKeepsStackStormResultShape() {
        RunOutcome outcome = run(Map.of("cmd", "echo hello"));
        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(outcome.status()).isEqualTo("succeeded");
        assertThat(outcome.result()).containsExactly(
                Map.entry("failed", false), Map.entry("succeeded", true), Map.entry("return_code", 0),
                Map.entry("stdout", "hello"), Map.entry("stderr", ""));
    }

    @Test
    void nonZeroExitFailsAndSplitsStreams() {
        RunOutcome outcome = run(Map.of("cmd", "echo out; echo err >&2; exit 3"));
        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        assertThat(outcome.result()).containsEntry("return_code", 3).containsEntry("failed", true)
                .containsEntry("stdout", "out").containsEntry("stderr", "err");
    }

    @Test
    void jsonOutputIsParsed() {
        RunOutcome outcome = run(Map.of("cmd", "echo '{\"1\": \"0.5\", \"n\": [1, 2]}'; echo 42 >&2"));
        assertThat(outcome.result().get("stdout")).isEqualTo(Map.of("1", "0.5", "n", List.of(1, 2)));
        assertThat(outcome.result().get("stderr")).isEqualTo(42);
    }

    @Test
    void onlyOneTrailingNewlineIsStripped() {
        assertThat(run(Map.of("cmd", "printf 'a\\n\\n'")).result()).containsEntry("stdout", "a\n");
    }

    @Test
    void cwdAndEnvAndExecutionVariables() throws IOException {
        RunOutcome outcome = runner.run(RunRequest.of("exec-42", "mypack.act").withRunnerParameters(Map.of(
                "cmd", "pwd; echo \"$GREETING\"; echo $ST2_ACTION_PACK_NAME $ST2_ACTION_EXECUTION_ID",
                "cwd", dir.toString(), "env", Map.of("GREETING", "hi there"))), RunContext.standalone(Clock.systemUTC()));
        assertThat(outcome.result().get("stdout"))
                .isEqualTo(dir.toRealPath() + "\nhi there\nmypack exec-42");
    }

    @Test
    void timeoutKillsTheWholeTreeAndReportsMinusNine() throws IOException {
        Path pids = dir.resolve("pids");
        RunOutcome outcome = run(Map.of("cmd",
                "sleep 300 & echo $! > " + pids + "; sh -c 'sleep 301 & echo $! >> " + pids + "; wait'",
                "timeout", 1));
        assertThat(outcome).isInstanceOf(RunOutcome.TimedOut.class);
        assertThat(outcome.status()).isEqualTo("timeout");
        assertThat(outcome.result()).containsEntry("return_code", -9).containsEntry("failed", true)
                .containsEntry("error", "Action failed to complete in 1 seconds");
        List<Long> started = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(started).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(started).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty()));
    }

    @Test
    void cancelKillsTheTreeAndStreamsOutputLive() throws Exception {
        Path pids = dir.resolve("pids");
        Cancellation cancellation = new Cancellation();
        List<String> lines = new CopyOnWriteArrayList<>();
        RunContext context = RunContext.standalone(Clock.systemUTC()).withCancellation(cancellation)
                .withOutput((type, line) -> lines.add(type.wireName() + ":" + line));
        CompletableFuture<RunOutcome> running = CompletableFuture.supplyAsync(() -> runner.run(
                RunRequest.of("exec-2", "core.local").withRunnerParameters(Map.of("cmd",
                        "echo one; echo two >&2; sleep 300 & echo $! > " + pids + "; wait")), context),
                command -> Thread.ofVirtual().start(command));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.size() == 2 && Files.exists(pids));
        assertThat(lines).containsExactlyInAnyOrder("stdout:one", "stderr:two");
        long sleeper = Long.parseLong(Files.readString(pids).trim());

        cancellation.cancel("operator asked");

        RunOutcome outcome = running.get();
        assertThat(outcome).isInstanceOf(RunOutcome.Canceled.class);
        assertThat(outcome.status()).isEqualTo("canceled");
        assertThat(outcome.result()).containsEntry("stdout", "one").containsEntry("succeeded", false)
                .containsEntry("error", "Action was canceled: operator asked");
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(sleeper).filter(ProcessHandle::isAlive).isEmpty());
    }

    @Test
    void outputLinesArriveInOrder() {
        List<String> lines = new CopyOnWriteArrayList<>();
        runner.run(RunRequest.of("exec-3", "core.local").withRunnerParameters(Map.of("cmd", "seq 1 500")),
                RunContext.standalone(Clock.systemUTC()).withOutput((type, line) -> {
                    if (type == OutputType.STDOUT) {
                        lines.add(line);
                    }
                }));
        assertThat(lines).hasSize(500).startsWith("1", "2").endsWith("499", "500");
    }

    @Test
    void untrustedValueQuotedIntoACommandIsPrintedNotRun() {
        Path pwned = dir.resolve("pwned");
        String payload = "x; touch " + pwned;

        RunOutcome quoted = run(Map.of("cmd", "echo " + ShellQuote.quote(payload)));
        assertThat(quoted.result()).containsEntry("stdout", payload);
        assertThat(pwned).doesNotExist();

        RunOutcome unquoted = run(Map.of("cmd", "echo " + payload));
        assertThat(unquoted.result()).containsEntry("stdout", "x");
        assertThat(pwned).as("the same payload unquoted does run, so the check above means something").exists();
    }

    @Test
    void theLiteralPwnedPayloadStaysData() {
        Path pwned = Path.of("/tmp/pwned");
        boolean existedBefore = Files.exists(pwned);
        RunOutcome outcome = run(Map.of("cmd", "echo " + ShellQuote.quote("x; touch /tmp/pwned")));
        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(outcome.result()).containsEntry("stdout", "x; touch /tmp/pwned");
        assertThat(Files.exists(pwned)).isEqualTo(existedBefore);
    }

    @Test
    void missingCommandAndEntryPointMisuseAreFailures() {
        assertThat(run(Map.of()).result()).containsEntry("error", "runner parameter \"cmd\" is required");
        RunOutcome withScript = runner.run(RunRequest.of("e", "p.a").withRunnerParameters(Map.of("cmd", "true"))
                .withEntryPoint(dir.resolve("x.sh")), RunContext.standalone(Clock.systemUTC()));
        assertThat(withScript.result()).containsEntry("error", "entry_point is only valid for local-shell-script runner");
    }

    @Test
    void badWorkingDirectoryIsAFailureNotAnException() {
        RunOutcome outcome = run(Map.of("cmd", "true", "cwd", dir.resolve("missing").toString()));
        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        assertThat(outcome.result()).containsKey("error");
    }
}
