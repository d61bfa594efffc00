package dev.reflex.store;

import dev.reflex.config.ReflexConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A child JVM for {@link SqliteStoreDurabilityTest}: opens the embedded store in the given data
 * directory and writes keys from several virtual threads until it is killed, printing
 * {@code ACK <name>} on stdout after each write has returned (been acknowledged).
 */
final class KillableWriter {

    private KillableWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int writers = Integer.parseInt(args[1]);
        JdbcStore store = Stores.open(ReflexConfig.StoreSettings.defaults(), dataDir, Clock.systemUTC());
        store.start();
        PrintStream out = System.out;
        Thread[] threads = new Thread[writers];
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads[w] = Thread.ofVirtual().start(() -> {
                for (int i = 0; ; i++) {
                    String name = "k-" + writer + "-" + i;
                    store.keyValues().put(name, expectedValue(name), false, null);
                    synchronized (out) {
                        out.println("ACK " + name);
                        out.flush();
                    }
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /** The value written under {@code name}. */
    static String expectedValue(String name) {
        return "value of " + name;
    }
}
