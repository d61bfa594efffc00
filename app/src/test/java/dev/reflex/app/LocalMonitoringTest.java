package dev.reflex.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.reflex.agent.AgentSettings;
import dev.reflex.checks.CheckDefinition;
import dev.reflex.checks.Parsed;
import dev.reflex.checks.SensuSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent definitions {@code reflex up} writes, and the shell checks it falls back to. */
class LocalMonitoringTest {

    @TempDir
    Path dir;

    @Test
    void withoutMonitoringPluginsTheBuiltInScriptsAreUsedAndTheDefinitionsLoad() throws Exception {
        LocalMonitoring.Setup setup = LocalMonitoring.write(dir, true, dir.resolve("no-plugins"));
        assertThat(setup.plugins()).isFalse();
        SensuSettings settings = load(setup.file());
        assertThat(settings.client().orElseThrow().attributes()).containsEntry("name", setup.client())
                .containsEntry("allow_remote_commands", true)
                .containsEntry("allowed_remote_commands", LocalMonitoring.DIAGNOSTICS)
                .extractingByKey("subscriptions").asList().contains(LocalMonitoring.SUBSCRIPTION);
        CheckDefinition load = settings.checks().get("check_load");
        assertThat(load.standalone()).isTrue();
        assertThat(load.attributes()).containsEntry("occurrences", 3L).containsEntry("interval", 10L);
        assertThat(String.valueOf(load.attributes().get("command")))
                .isEqualTo("sh " + dir.resolve("check_load.sh") + " " + LocalMonitoring.DEMO_WARN + " " + LocalMonitoring.DEMO_CRIT);
        assertThat(settings.checks()).containsOnlyKeys("check_load", "check_disk", "check_zombies");
    }

    @Test
    void theLoadScriptComparesTheLoadPerCpuWithItsThresholdsAsCheckLoadDoes() throws Exception {
        LocalMonitoring.write(dir, false, dir.resolve("no-plugins"));
        Path script = dir.resolve("check_load.sh");
        Run critical = run("sh", script.toString(), "-1,-1,-1", "-1,-1,-1");
        assertThat(critical.code()).isEqualTo(2);
        assertThat(critical.out()).startsWith("LOAD CRITICAL - load average per CPU: ").contains("|load1=");
        Run warning = run("sh", script.toString(), "-1,-1,-1", "1000,1000,1000");
        assertThat(warning.code()).isEqualTo(1);
        assertThat(warning.out()).startsWith("LOAD WARNING");
        Run ok = run("sh", script.toString(), "1000,1000,1000", "1000,1000,1000");
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).startsWith("LOAD OK");
    }

    @Test
    void theDiskAndZombieScriptsReport() throws Exception {
        LocalMonitoring.write(dir, false, dir.resolve("no-plugins"));
        Run disk = run("sh", dir.resolve("check_disk.sh").toString(), "0", "0", dir.toString());
        assertThat(disk.code()).isZero();
        assertThat(disk.out()).startsWith("DISK OK - free space: ");
        Run full = run("sh", dir.resolve("check_disk.sh").toString(), "101", "101", dir.toString());
        assertThat(full.code()).isEqualTo(2);
        Run zombies = run("sh", dir.resolve("check_zombies.sh").toString(), "100000", "100000");
        assertThat(zombies.code()).isZero();
        assertThat(zombies.out()).startsWith("PROCS OK: ").contains("STATE = Z");
    }

    @Test
    void withMonitoringPluginsTheirChecksAreUsed() throws Exception {
        assumeTrue(Files.isExecutable(LocalMonitoring.PLUGINS.resolve("check_load")),
                "monitoring-plugins are not installed (scripts/install-test-deps installs them)");
        LocalMonitoring.Setup setup = LocalMonitoring.write(dir, false, LocalMonitoring.PLUGINS);
        assertThat(setup.plugins()).isTrue();
        SensuSettings settings = load(setup.file());
        assertThat(String.valueOf(settings.checks().get("check_load").attributes().get("command")))
                .isEqualTo(LocalMonitoring.PLUGINS.resolve("check_load") + " -r -w " + LocalMonitoring.WARN + " -c "
                        + LocalMonitoring.CRIT);
        Run real = run("sh", "-c", String.valueOf(settings.checks().get("check_zombies").attributes().get("command")));
        assertThat(real.code()).isBetween(0, 2);
        assertThat(real.out()).startsWith("PROCS ");
    }

    private static SensuSettings load(Path file) {
        Parsed<SensuSettings> parsed = AgentSettings.load(List.of(file));
        assertThat(parsed.problems()).isEmpty();
        return parsed.value();
    }

    record Run(int code, String out) {
    }

    private static Run run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }
}
