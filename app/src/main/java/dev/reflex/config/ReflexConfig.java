package dev.reflex.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The resolved server configuration: every setting has a working default, so
 * {@link #defaults()} is a complete, runnable configuration.
 *
 * <p>It is produced by {@code ConfigResolver} from {@code reflex.yaml}, the environment overlay
 * {@code reflex.<env>.yaml}, {@code REFLEX_…} environment variables and command-line flags, in that
 * order of increasing precedence.
 *
 * @param env       the environment name chosen with {@code --env} or {@code REFLEX_ENV}, or null
 * @param dataDir   the directory that holds the embedded store, the secret key and other state
 * @param http      the HTTP API listener
 * @param store     where state is kept
 * @param packPaths folders searched for packs, in order
 * @param apiKeys   the API keys the HTTP API accepts
 * @param chat      where the {@code chat} pack posts; {@link Chat#none()} when chat is not configured
 * @param smtp      the SMTP server of the email runner ({@code core.sendmail}); null for the runner's default
 * @param sensuApi  the Sensu API's own listener at Sensu's root paths ({@code sensu.api}); null when off
 */
public record ReflexConfig(String env, Path dataDir, Http http, StoreSettings store, List<Path> packPaths,
                           List<ApiKey> apiKeys, Chat chat, Smtp smtp, SensuApi sensuApi) {

    /** The default HTTP port. */
    public static final int DEFAULT_PORT = 9101;

    public ReflexConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(store, "store");
        packPaths = List.copyOf(packPaths);
        apiKeys = List.copyOf(apiKeys);
        Objects.requireNonNull(chat, "chat");
    }

    /** A configuration without a Sensu API port. */
    public ReflexConfig(String env, Path dataDir, Http http, StoreSettings store, List<Path> packPaths,
                        List<ApiKey> apiKeys, Chat chat, Smtp smtp) {
        this(env, dataDir, http, store, packPaths, apiKeys, chat, smtp, null);
    }

    /** A configuration without SMTP settings. */
    public ReflexConfig(String env, Path dataDir, Http http, StoreSettings store, List<Path> packPaths,
                        List<ApiKey> apiKeys, Chat chat) {
        this(env, dataDir, http, store, packPaths, apiKeys, chat, null);
    }

    /** A configuration without chat settings (as before the {@code chat:} section existed). */
    public ReflexConfig(String env, Path dataDir, Http http, StoreSettings store, List<Path> packPaths,
                        List<ApiKey> apiKeys) {
        this(env, dataDir, http, store, packPaths, apiKeys, Chat.none());
    }

    /** The configuration Reflex runs with when nothing is configured. */
    public static ReflexConfig defaults() {
        return new ReflexConfig(null, Path.of("reflex-data"), Http.defaults(), StoreSettings.defaults(),
                List.of(), List.of(), Chat.none(), null, null);
    }

    /** A copy with another data directory. */
    public ReflexConfig withDataDir(Path dir) {
        return new ReflexConfig(env, dir, http, store, packPaths, apiKeys, chat, smtp, sensuApi);
    }

    /** A copy with another HTTP listener. */
    public ReflexConfig withHttp(Http newHttp) {
        return new ReflexConfig(env, dataDir, newHttp, store, packPaths, apiKeys, chat, smtp, sensuApi);
    }

    /** A copy with other store settings. */
    public ReflexConfig withStore(StoreSettings newStore) {
        return new ReflexConfig(env, dataDir, http, newStore, packPaths, apiKeys, chat, smtp, sensuApi);
    }

    /** A copy with other pack paths. */
    public ReflexConfig withPackPaths(List<Path> paths) {
        return new ReflexConfig(env, dataDir, http, store, paths, apiKeys, chat, smtp, sensuApi);
    }

    /** A copy with other API keys. */
    public ReflexConfig withApiKeys(List<ApiKey> keys) {
        return new ReflexConfig(env, dataDir, http, store, packPaths, keys, chat, smtp, sensuApi);
    }

    /** A copy with other chat settings. */
    public ReflexConfig withChat(Chat newChat) {
        return new ReflexConfig(env, dataDir, http, store, packPaths, apiKeys, newChat, smtp, sensuApi);
    }

    /** A copy with other SMTP settings. */
    public ReflexConfig withSmtp(Smtp newSmtp) {
        return new ReflexConfig(env, dataDir, http, store, packPaths, apiKeys, chat, newSmtp, sensuApi);
    }

    /** A copy with another Sensu API port ({@code sensu.api}); null turns it off. */
    public ReflexConfig withSensuApi(SensuApi newSensuApi) {
        return new ReflexConfig(env, dataDir, http, store, packPaths, apiKeys, chat, smtp, newSensuApi);
    }

    /**
     * Sensu 1.x's HTTP API served at Sensu's root paths ({@code /events}, {@code /results} …) on a port of
     * its own, as Sensu's {@code api} definition describes it, so that Sensu tools work unchanged.
     *
     * @param bind     the address to listen on; loopback by default
     * @param port     the port; Sensu's default is 4567, 0 picks a free one
     * @param user     the HTTP basic authentication user, or null for none
     * @param password the password, a {@code kv:NAME} reference to a secret in the key-value store, or null
     */
    public record SensuApi(String bind, int port, String user, String password) {
        /** Sensu's default API port. */
        public static final int DEFAULT_PORT = 4567;

        /** Whether requests need HTTP basic authentication. */
        public boolean authenticates() {
            return user != null && password != null;
        }

        /** Names the listener and the user; the password is not shown. */
        @Override
        public String toString() {
            return "SensuApi[" + bind + ":" + port + ", user=" + user + ", password="
                    + (password == null ? null : "****") + "]";
        }
    }

    /**
     * The SMTP server the email runner sends through ({@code smtp:}).
     *
     * @param host     the server
     * @param port     its port
     * @param security none, starttls, starttls_required or tls
     * @param username the login, or null
     * @param password the password or a {@code kv:NAME} reference, or null
     * @param from     the sender when a message names none
     * @param timeout  connect, read and write timeout
     */
    public record Smtp(String host, int port, String security, String username, String password, String from,
                       Duration timeout) {
        /** The protection modes {@code security} accepts. */
        public static final List<String> SECURITY = List.of("none", "starttls", "starttls_required", "tls");

        /** Names the server and login; the password is not shown. */
        @Override
        public String toString() {
            return "Smtp[" + host + ":" + port + ", " + security + ", user=" + username + ", password="
                    + (password == null ? null : "****") + ", from=" + from + "]";
        }
    }

    /**
     * The HTTP listener.
     *
     * @param bind            the address to bind; loopback by default
     * @param port            the port; 0 picks a free one
     * @param maxRequestBytes the largest request body accepted; larger ones get 413
     * @param requireAuth     whether requests need an API key; null means "only when not bound to loopback"
     */
    public record Http(String bind, int port, long maxRequestBytes, Boolean requireAuth) {
        /** Loopback, port 9101, 1 MiB bodies, authentication only when exposed. */
        public static Http defaults() {
            return new Http("127.0.0.1", DEFAULT_PORT, 1024 * 1024, null);
        }

        /** A copy on another port. */
        public Http withPort(int newPort) {
            return new Http(bind, newPort, maxRequestBytes, requireAuth);
        }

        /** A copy bound to another address. */
        public Http withBind(String newBind) {
            return new Http(newBind, port, maxRequestBytes, requireAuth);
        }
    }

    /**
     * Where state is kept.
     *
     * @param url          a JDBC URL; null means the embedded SQLite database in the data directory
     * @param user         the database user, for servers that need one
     * @param password     the database password, never logged
     * @param poolSize     how many read connections to keep
     * @param commitWindow how long the writer waits to gather more writes into one transaction
     * @param maxBatch     the most writes committed in one transaction
     * @param sqliteSync   the embedded SQLite database's {@code synchronous} mode: {@code FULL} (the
     *                     default: a commit survives a power loss) or {@code NORMAL} (a commit survives
     *                     a crash of the process but the last commits may be lost on a power loss or an
     *                     OS crash); ignored for PostgreSQL
     */
    public record StoreSettings(String url, String user, String password, int poolSize, Duration commitWindow,
                                int maxBatch, SqliteSync sqliteSync) {
        /** The embedded SQLite store. */
        public static StoreSettings defaults() {
            return new StoreSettings(null, null, null, 4, Duration.ZERO, 1000, SqliteSync.FULL);
        }

        /** Settings with the default SQLite durability ({@code synchronous=FULL}). */
        public StoreSettings(String url, String user, String password, int poolSize, Duration commitWindow,
                             int maxBatch) {
            this(url, user, password, poolSize, commitWindow, maxBatch, SqliteSync.FULL);
        }

        /** A copy with another JDBC URL. */
        public StoreSettings withUrl(String newUrl, String newUser, String newPassword) {
            return new StoreSettings(newUrl, newUser, newPassword, poolSize, commitWindow, maxBatch, sqliteSync);
        }

        /** A copy with another SQLite {@code synchronous} mode. */
        public StoreSettings withSqliteSync(SqliteSync mode) {
            return new StoreSettings(url, user, password, poolSize, commitWindow, maxBatch, mode);
        }

        @Override
        public String toString() {
            return "StoreSettings[url=" + JdbcUrls.redact(url) + ", user=" + user + ", password=" + (password == null ? null : "****")
                    + ", poolSize=" + poolSize + ", commitWindow=" + commitWindow + ", maxBatch=" + maxBatch + ", sqliteSync=" + sqliteSync + "]";
        }
    }

    /**
     * When the embedded SQLite database (WAL mode) syncs to disk. Both keep the database consistent
     * after any crash; they differ in which committed transactions survive a power loss.
     */
    public enum SqliteSync {
        /** Every commit is synced before it is acknowledged: it survives a power loss or an OS crash. */
        FULL,
        /**
         * Commits are synced at WAL checkpoints only: a commit survives a crash of the process, but the
         * last commits before a power loss or an OS crash may be lost.
         */
        NORMAL
    }

    /**
     * An API key accepted by the HTTP API.
     *
     * @param name  a label for logs and audit (the key itself is never logged)
     * @param key   the secret value presented by clients
     * @param admin whether the key may read decrypted secrets and change configuration
     */
    public record ApiKey(String name, String key, boolean admin) {
        @Override
        public String toString() {
            return "ApiKey[name=" + name + ", admin=" + admin + "]";
        }
    }

    /**
     * Where the built-in {@code chat} pack posts messages: the {@code chat:} section of
     * {@code reflex.yaml}. Chat is configured when a platform is set; the loader has then checked
     * that the settings the platform needs are present.
     *
     * @param platform   {@code slack}, {@code slack-webhook}, {@code mattermost}, {@code teams} or
     *                   {@code webhook}; null when chat is not configured
     * @param url        the API endpoint or webhook URL, or a {@code kv:NAME} reference to the key-value
     *                   store (webhook URLs embed their secret); null for Slack's default endpoint
     * @param tokenKey   the name of the key-value entry that holds the Slack bot token (platform
     *                   {@code slack}); the name is not secret, the entry is
     * @param channel    the channel posted to when an execution names none; null for the webhook's own
     * @param maxChars   the most characters in one post; null for the platform's limit
     * @param timeout    how long one HTTP request may take
     * @param maxRetries how many times a post answered with HTTP 429 is retried after its Retry-After
     */
    public record Chat(String platform, String url, String tokenKey, String channel, Integer maxChars,
                       Duration timeout, int maxRetries) {

        /** The platform names the {@code chat:} section accepts. */
        public static final List<String> PLATFORMS = List.of("slack", "slack-webhook", "mattermost", "teams", "webhook");

        public Chat {
            Objects.requireNonNull(timeout, "timeout");
        }

        /** No chat: {@code chat.post} writes its message to the server log and its result only. */
        public static Chat none() {
            return new Chat(null, null, null, null, null, Duration.ofSeconds(30), 3);
        }

        /** Whether a platform is configured. */
        public boolean configured() {
            return platform != null;
        }

        /** Names the platform and channel; the URL may embed a secret and is not shown. */
        @Override
        public String toString() {
            return "Chat[platform=" + platform + ", url=" + (url == null ? null : "****") + ", tokenKey=" + tokenKey
                    + ", channel=" + channel + ", maxChars=" + maxChars + ", timeout=" + timeout
                    + ", maxRetries=" + maxRetries + "]";
        }
    }
}
