package dev.reflex.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server made with Debian's {@code initdb} and {@code pg_ctl}: a new cluster in
 * a temporary directory, listening on a free loopback port only, with its unix socket in that
 * directory and trust authentication for the superuser {@code reflex}. {@link #close()} stops it and
 * deletes the directory.
 *
 * <p>{@code initdb} refuses to run as root, so when this JVM runs as root the directory is given to
 * the {@code postgres} system user and the binaries run through {@code runuser -u postgres --}.
 * Clusters left behind by a JVM that was killed are stopped and removed by the next {@link #start}.
 * It uses no JUnit, so the benchmarks use it too.
 */
public final class PostgresCluster implements AutoCloseable {

    /** The superuser the cluster is created with; it needs no password. */
    public static final String USER = "reflex";
    private static final String DIR_PREFIX = "reflex-pg-";
    private static final String OWNER_FILE = "owner.pid";
    private static final String SYSTEM_USER = "postgres";

    private final Path bin;
    private final Path dir;
    private final int port;

    private PostgresCluster(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} holding {@code initdb} and {@code pg_ctl}, if any. */
    public static Optional<Path> findBinaries() {
        return findBinaries(Path.of("/usr/lib/postgresql"));
    }

    /** The newest {@code <root>/<version>/bin} holding {@code initdb} and {@code pg_ctl}, if any. */
    public static Optional<Path> findBinaries(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(PostgresCluster::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Creates and starts a cluster with the binaries in {@code bin}; returns once it accepts connections. */
    public static PostgresCluster start(Path bin) throws IOException, InterruptedException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        removeAbandoned(bin, tmp);
        Path dir = Files.createTempDirectory(tmp, DIR_PREFIX);
        Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
        Files.createDirectory(dir.resolve("socket"));
        if (runningAsRoot()) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(SYSTEM_USER);
            Files.setOwner(dir, postgres);
            Files.setOwner(dir.resolve("socket"), postgres);
        }
        run(bin, dir, List.of("initdb", "-D", dir.resolve("data").toString(), "-U", USER, "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"));
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            try {
                run(bin, dir, List.of("pg_ctl", "-D", dir.resolve("data").toString(), "-l",
                        dir.resolve("postgres.log").toString(), "-w", "-t", "60", "-o",
                        "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir.resolve("socket"), "start"));
                return new PostgresCluster(bin, dir, port);
            } catch (IOException e) {
                last = e;
            }
        }
        deleteTree(dir);
        throw last;
    }

    /** The loopback port the server listens on. */
    public int port() {
        return port;
    }

    /** The JDBC URL of a database on this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a database owned by {@link #USER}. */
    public void createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name.replace("\"", "") + "\"");
        }
    }

    /** Stops the server at once and deletes its directory. */
    @Override
    public void close() {
        try {
            stop(bin, dir);
        } finally {
            deleteTree(dir);
        }
    }

    private static void stop(Path bin, Path dir) {
        try {
            run(bin, dir, List.of("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        } catch (IOException e) {
            System.err.println("PostgresCluster: stopping the server in " + dir + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops and removes clusters whose owning JVM no longer runs (it was killed before its shutdown hook). */
    private static void removeAbandoned(Path bin, Path tmp) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, DIR_PREFIX + "*")) {
            for (Path d : dirs) {
                Path owner = d.resolve(OWNER_FILE);
                if (!Files.isRegularFile(owner)) {
                    continue;
                }
                long pid = Long.parseLong(Files.readString(owner).strip());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                if (Files.exists(d.resolve("data").resolve("postmaster.pid"))) {
                    stop(bin, d);
                }
                deleteTree(d);
            }
        } catch (IOException | NumberFormatException e) {
            System.err.println("PostgresCluster: cleaning up abandoned clusters failed: " + e);
        }
    }

    private static void run(Path bin, Path dir, List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
        }
        full.add(bin.resolve(command.getFirst()).toString());
        full.addAll(command.subList(1, command.size()));
        Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.getFirst() + " did not finish in 120 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(command.getFirst() + " failed with exit code " + p.exitValue() + ": "
                    + new String(output, StandardCharsets.UTF_8).strip() + logTail(dir));
        }
    }

    private static String logTail(Path dir) {
        Path log = dir.resolve("postgres.log");
        try {
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log);
                return "\nserver log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("PostgresCluster: deleting " + dir + " failed: " + e);
        }
    }
}
