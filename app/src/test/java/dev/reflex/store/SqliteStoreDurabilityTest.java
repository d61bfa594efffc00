package dev.reflex.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reflex.config.ReflexConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged writes to the embedded store survive the abrupt death of the JVM: a child JVM writes
 * keys from many threads and is killed with SIGKILL while writes are in flight; every key it
 * reported as written must be there after reopening.
 */
class SqliteStoreDurabilityTest {

    private static final int ACKS_BEFORE_KILL = 5000;

    @TempDir
    Path dataDir;
    @TempDir
    Path logs;

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        Path output = logs.resolve("child-stdout.txt");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                KillableWriter.class.getName(), dataDir.toString(), "32")
                .redirectOutput(output.toFile())
                .redirectError(logs.resolve("child-stderr.txt").toFile())
                .start();
        try {
            await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20))
                    .until(() -> !child.isAlive() || acknowledged(output).size() >= ACKS_BEFORE_KILL);
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL, not dead on its own (see %s)", logs).isEqualTo(128 + 9);
        Set<String> acknowledged = acknowledged(output);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        JdbcStore reopened = Stores.open(ReflexConfig.StoreSettings.defaults(), dataDir, Clock.systemUTC());
        reopened.start();
        try {
            Set<String> present = new HashSet<>();
            for (KeyValue kv : reopened.keyValues().list("k-")) {
                assertThat(kv.value()).isEqualTo(KillableWriter.expectedValue(kv.name()));
                present.add(kv.name());
            }
            assertThat(present).as("%d acknowledged, %d present", acknowledged.size(), present.size())
                    .containsAll(acknowledged);
            reopened.check();
        } finally {
            reopened.stop();
        }
    }

    /**
     * The names the child reported as written: every complete {@code ACK} line of its output (a line
     * cut by the kill has no newline and is ignored).
     */
    private static Set<String> acknowledged(Path output) throws IOException {
        String text = Files.readString(output, StandardCharsets.UTF_8);
        String complete = text.substring(0, text.lastIndexOf('\n') + 1);
        Set<String> names = new HashSet<>();
        for (String line : complete.split("\n")) {
            if (line.startsWith("ACK ")) {
                names.add(line.substring(4));
            }
        }
        return names;
    }
}
