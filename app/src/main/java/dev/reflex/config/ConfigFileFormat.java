package dev.reflex.config;

import dev.reflex.config.ReflexConfig.ApiKey;
import dev.reflex.config.ReflexConfig.Chat;
import dev.reflex.config.ReflexConfig.Http;
import dev.reflex.config.ReflexConfig.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The schema of {@code reflex.yaml} (after overlays and tokens), defined with the binding API. Keys are
 * snake_case; every setting is optional and defaults to {@link ReflexConfig#defaults()}. Relative paths
 * are resolved against the folder of the configuration file.
 *
 * <p>Secrets (the store password, API keys) are read as text of any kind, so that a type error never
 * prints a secret.
 */
final class ConfigFileFormat {

    static final Pattern NOT_BLANK = Pattern.compile("(?s).*\\S.*");
    static final Pattern JDBC = Pattern.compile("jdbc:[a-z0-9]+:.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    static final Pattern API_KEY_NAME = Pattern.compile("[A-Za-z0-9_.@-]+");
    static final Duration MAX_COMMIT_WINDOW = Duration.ofSeconds(10);
    static final Pattern CHAT_URL = Pattern.compile("(?i)(https?://\\S+|kv:\\S+)");
    static final Pattern CHAT_CHANNEL = Pattern.compile("\\S+");

    private ConfigFileFormat() {
    }

    /** The format, resolving relative paths against {@code folder}. */
    static Format<ReflexConfig> inFolder(Path folder) {
        return Format.object(o -> {
            ReflexConfig d = ReflexConfig.defaults();
            String dataDir = o.optional("data_dir").matching(NOT_BLANK, "must not be empty").string(null);
            Http http = o.optional("http").object(d.http(), h -> http(h, d.http()));
            StoreSettings store = o.optional("store").object(d.store(), s -> store(s, d.store()));
            List<Path> packs = o.optional("packs").list(v -> {
                String p = v.matching(NOT_BLANK, "must not be empty").string();
                return p == null ? null : folder.resolve(p).normalize();
            });
            Set<String> names = new HashSet<>();
            List<ApiKey> keys = o.optional("api_keys").list(v -> v.object(k -> apiKey(k, names)));
            Chat chat = o.optional("chat").object(d.chat(), c -> chat(c, d.chat()));
            ReflexConfig.Smtp smtp = o.optional("smtp").object(null, ConfigFileFormat::smtp);
            ReflexConfig.SensuApi sensuApi = o.optional("sensu").object(null, s -> SensuSection.read(s, http));
            o.known("values_file");
            return new ReflexConfig(null, dataDir == null ? d.dataDir() : folder.resolve(dataDir).normalize(),
                    http, store, packs, keys, chat == null ? d.chat() : chat, smtp, sensuApi);
        });
    }

    private static Http http(ObjectReader h, Http d) {
        return new Http(
                h.optional("bind").matching(NOT_BLANK, "must not be empty").string(d.bind()),
                h.optional("port").intValue(d.port(), 0, 65535),
                h.optional("max_request_bytes").longValue(d.maxRequestBytes(), 1, Long.MAX_VALUE),
                h.optional("require_auth").boolOrNull());
    }

    private static StoreSettings store(ObjectReader s, StoreSettings d) {
        String url = s.optional("url").matching(JDBC, "a JDBC URL such as jdbc:postgresql://db:5432/reflex").string(d.url());
        String user = s.string("user", d.user());
        String password = s.optional("password").text(d.password());
        int poolSize = s.optional("pool_size").intValue(d.poolSize(), 1, 1000);
        Value window = s.optional("commit_window");
        Duration commitWindow = window.duration(d.commitWindow());
        if (commitWindow.compareTo(MAX_COMMIT_WINDOW) > 0) {
            window.error("must be at most 10s but is " + commitWindow.toMillis() + "ms");
            commitWindow = d.commitWindow();
        }
        int maxBatch = s.optional("max_batch").intValue(d.maxBatch(), 1, 1_000_000);
        Value syncValue = s.optional("sqlite_synchronous");
        String sync = syncValue.string(d.sqliteSync().name().toLowerCase(Locale.ROOT));
        ReflexConfig.SqliteSync sqliteSync = d.sqliteSync();
        switch (sync.toLowerCase(Locale.ROOT)) {
            case "full" -> sqliteSync = ReflexConfig.SqliteSync.FULL;
            case "normal" -> sqliteSync = ReflexConfig.SqliteSync.NORMAL;
            default -> syncValue.error("must be full or normal but is '" + sync + "'");
        }
        return new StoreSettings(url, user, password, poolSize, commitWindow, maxBatch, sqliteSync);
    }

    /**
     * The {@code chat:} section: a platform is required, and each platform's needs are checked here
     * (a URL for the webhook platforms, {@code token_key} for Slack's Web API and only there).
     */
    private static Chat chat(ObjectReader c, Chat d) {
        String platform = c.required("platform").oneOf(null, Chat.PLATFORMS.toArray(String[]::new));
        Value urlValue = c.optional("url").matching(CHAT_URL, "expected an http(s) URL or a kv:NAME reference");
        String url = urlValue.text(null);
        Value tokenValue = c.optional("token_key").matching(NOT_BLANK, "must not be empty");
        String tokenKey = tokenValue.string(null);
        String channel = c.optional("channel").matching(CHAT_CHANNEL, "a channel name without spaces, such as #ops")
                .string(null);
        Value maxValue = c.optional("max_chars");
        Integer maxChars = maxValue.isPresent() ? maxValue.intValue(0, 100, 100_000) : null;
        Value timeoutValue = c.optional("timeout");
        Duration timeout = timeoutValue.duration(d.timeout());
        if (timeout.isZero() || timeout.isNegative()) {
            timeoutValue.error("must be longer than 0");
            timeout = d.timeout();
        }
        int maxRetries = c.optional("max_retries").intValue(d.maxRetries(), 0, 10);
        if (platform != null) {
            boolean slackApi = platform.equals("slack");
            if (!slackApi && !urlValue.isPresent()) {
                c.error("platform '" + platform + "' needs 'url': the webhook to post to");
            }
            if (slackApi && !tokenValue.isPresent()) {
                c.error("platform 'slack' needs 'token_key': the key-value entry that holds the bot token");
            }
            if (!slackApi && tokenValue.isPresent()) {
                tokenValue.error("'token_key' is only used by platform 'slack'; a webhook URL carries its own secret");
            }
        }
        return new Chat(platform, url, tokenKey, channel, maxChars, timeout, maxRetries);
    }

    /** The {@code smtp:} section: the server of the email runner. */
    private static ReflexConfig.Smtp smtp(ObjectReader m) {
        String host = m.required("host").matching(NOT_BLANK, "must not be empty").string();
        int port = m.optional("port").intValue(25, 1, 65535);
        String security = m.optional("security").oneOf("none", ReflexConfig.Smtp.SECURITY.toArray(String[]::new));
        String username = m.optional("username").matching(NOT_BLANK, "must not be empty").string(null);
        String password = m.optional("password").text(null);
        String from = m.optional("from").matching(NOT_BLANK, "must not be empty").string(null);
        Value timeoutValue = m.optional("timeout");
        Duration timeout = timeoutValue.duration(Duration.ofSeconds(30));
        if (timeout.isZero() || timeout.isNegative()) {
            timeoutValue.error("must be longer than 0");
            timeout = Duration.ofSeconds(30);
        }
        if (password != null && username == null) {
            m.error("'password' needs 'username'");
        }
        return new ReflexConfig.Smtp(host, port, security, username, password, from, timeout);
    }

    private static ApiKey apiKey(ObjectReader k, Set<String> seen) {
        Value nameValue = k.required("name").matching(API_KEY_NAME, "use letters, digits, '.', '_', '-' and '@'");
        String name = nameValue.string();
        String key = k.required("key").matching(NOT_BLANK, "must not be empty").text(null);
        boolean admin = k.bool("admin", false);
        if (name != null && !seen.add(name)) {
            nameValue.error("duplicate API key name '" + name + "'");
        }
        return name == null || key == null ? null : new ApiKey(name, key, admin);
    }
}
