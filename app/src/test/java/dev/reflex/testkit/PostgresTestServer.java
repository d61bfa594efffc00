package dev.reflex.testkit;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import dev.reflex.config.ReflexConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server tests run against, one per test JVM, shared by every test class; each caller
 * of {@link #freshSchema} gets a new, empty schema so tests never see each other's data.
 *
 * <p>With {@code REFLEX_TEST_PG_URL} (and {@code REFLEX_TEST_PG_USER}, {@code REFLEX_TEST_PG_PASSWORD})
 * set, that server is used and the schemas are dropped at exit. Otherwise a temporary cluster is
 * started with the Debian binaries ({@link PostgresCluster}; the system property
 * {@code reflex.test.pg.root} replaces {@code /usr/lib/postgresql}) and removed at exit. Without either,
 * tests fail when {@code CI=true} and are skipped, with a notice on stderr, elsewhere.
 */
public final class PostgresTestServer {

    /** How to reach one schema; the URL selects it with {@code currentSchema}. */
    public record Database(String url, String user, String password, String schema) {

        /** Store settings that reach this schema. */
        public ReflexConfig.StoreSettings settings() {
            return ReflexConfig.StoreSettings.defaults().withUrl(url, user, password);
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + ", schema=" + schema + "]";
        }
    }

    private sealed interface Server {
        record Running(String url, String user, String password, boolean external) implements Server {
            @Override
            public String toString() {
                return "Running[url=" + url + ", user=" + user + ", external=" + external + "]";
            }
        }

        record Unavailable(String reason) implements Server {
        }
    }

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final List<String> CREATED = new ArrayList<>();
    private static Server server;

    private PostgresTestServer() {
    }

    /**
     * Returns when a PostgreSQL server is available, starting it on first use; otherwise skips the
     * caller (a {@code @BeforeAll} skips its whole class) or, when {@code CI=true}, fails it.
     */
    public static void require() {
        running();
    }

    /**
     * A schema made on first use and the same afterwards, for a store contract test's
     * {@code settings()}, which is asked more than once within one test: create one per test instance.
     * Its first use skips the test (or fails it on CI) when there is no PostgreSQL to run against.
     */
    public static final class LazySchema {

        private final String label;
        private Database database;

        /** @param label what the schema's name starts with (the test class's simple name, say) */
        public LazySchema(String label) {
            this.label = label;
        }

        /** The schema, made now if it is not yet. */
        public Database database() {
            if (database == null) {
                database = freshSchema(label);
            }
            return database;
        }

        /** Store settings that reach the schema. */
        public ReflexConfig.StoreSettings settings() {
            return database().settings();
        }
    }

    /**
     * A new empty schema named after {@code label}. Skips the calling test (or fails it on CI) when
     * there is no PostgreSQL to run against.
     */
    public static Database freshSchema(String label) {
        Server.Running running = running();
        String schema = "t" + SCHEMAS.incrementAndGet() + "_" + label.toLowerCase().replaceAll("[^a-z0-9]", "")
                + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(running.url(), running.user(), running.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("creating schema " + schema + " on the test PostgreSQL failed", e);
        }
        synchronized (CREATED) {
            CREATED.add(schema);
        }
        String separator = running.url().contains("?") ? "&" : "?";
        return new Database(running.url() + separator + "currentSchema=" + schema, running.user(),
                running.password(), schema);
    }

    private static Server.Running running() {
        return switch (server()) {
            case Server.Running r -> r;
            case Server.Unavailable u -> unavailable(u.reason());
        };
    }

    private static Server.Running unavailable(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("PostgreSQL is required on CI: " + reason);
        }
        notice("NOTICE: PostgreSQL tests are SKIPPED: " + reason);
        Assumptions.abort("PostgreSQL is not available: " + reason);
        throw new AssertionError("unreachable");
    }

    /**
     * Prints to the process's real stderr as well as to {@code System.err}, which Surefire redirects
     * into a report file, so that the notice shows on the console.
     */
    private static void notice(String message) {
        System.err.println(message);
        PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        console.println(message);
    }

    private static synchronized Server server() {
        if (server == null) {
            server = connect();
        }
        return server;
    }

    private static Server connect() {
        String url = System.getenv("REFLEX_TEST_PG_URL");
        if (url != null && !url.isBlank()) {
            Server.Running external = new Server.Running(url, System.getenv("REFLEX_TEST_PG_USER"),
                    System.getenv("REFLEX_TEST_PG_PASSWORD"), true);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchemas(external)));
            return external;
        }
        Path root = Path.of(System.getProperty("reflex.test.pg.root", "/usr/lib/postgresql"));
        Optional<Path> bin = PostgresCluster.findBinaries(root);
        if (bin.isEmpty()) {
            return new Server.Unavailable("no initdb/pg_ctl under " + root + "/*/bin; install the "
                    + "'postgresql' package (apt-get install postgresql) or set REFLEX_TEST_PG_URL");
        }
        try {
            PostgresCluster cluster = PostgresCluster.start(bin.get());
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "reflex-test-postgres-stop"));
            cluster.createDatabase("reflex_test");
            return new Server.Running(cluster.url("reflex_test"), PostgresCluster.USER, "", false);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("starting a temporary PostgreSQL with " + bin.get() + " failed", e);
        }
    }

    private static void dropSchemas(Server.Running external) {
        try (Connection c = DriverManager.getConnection(external.url(), external.user(), external.password());
             Statement s = c.createStatement()) {
            synchronized (CREATED) {
                for (String schema : CREATED) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        } catch (SQLException e) {
            System.err.println("PostgresTestServer: dropping test schemas failed: " + e.getMessage());
        }
    }
}
