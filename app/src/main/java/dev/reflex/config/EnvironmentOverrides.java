package dev.reflex.config;

import dev.reflex.config.ReflexConfig.ApiKey;
import dev.reflex.config.ReflexConfig.StoreSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the {@code REFLEX_…} environment variables over a configuration. An empty variable counts as
 * unset. Relative paths are resolved against the working directory.
 */
final class EnvironmentOverrides {

    private final Map<String, String> env;
    private final Path workingDir;
    private final Problems problems;

    EnvironmentOverrides(Map<String, String> env, Path workingDir, Problems problems) {
        this.env = env;
        this.workingDir = workingDir;
        this.problems = problems;
    }

    ReflexConfig apply(ReflexConfig config) {
        ReflexConfig c = config;
        String v;
        if ((v = get("REFLEX_DATA_DIR")) != null) {
            c = c.withDataDir(workingDir.resolve(v).normalize());
        }
        if ((v = get("REFLEX_HTTP_BIND")) != null) {
            c = c.withHttp(c.http().withBind(v.strip()));
        }
        if ((v = get("REFLEX_HTTP_PORT")) != null) {
            Integer port = port("REFLEX_HTTP_PORT", v);
            if (port != null) {
                c = c.withHttp(c.http().withPort(port));
            }
        }
        c = c.withStore(store(c.store()));
        if ((v = get("REFLEX_PACKS")) != null) {
            List<Path> packs = new ArrayList<>();
            for (String p : v.split(":")) {
                if (!p.isBlank()) {
                    packs.add(workingDir.resolve(p.strip()).normalize());
                }
            }
            c = c.withPackPaths(packs);
        }
        if ((v = get("REFLEX_API_KEYS")) != null) {
            List<ApiKey> keys = apiKeys(v);
            if (keys != null) {
                c = c.withApiKeys(keys);
            }
        }
        return c;
    }

    private StoreSettings store(StoreSettings s) {
        String url = get("REFLEX_STORE_URL");
        if (url != null && !ConfigFileFormat.JDBC.matcher(url.strip()).matches()) {
            error("REFLEX_STORE_URL", "expected a JDBC URL such as jdbc:postgresql://db:5432/reflex");
            url = null;
        }
        String user = get("REFLEX_STORE_USER");
        String password = get("REFLEX_STORE_PASSWORD");
        return new StoreSettings(url != null ? url.strip() : s.url(), user != null ? user : s.user(),
                password != null ? password : s.password(), s.poolSize(), s.commitWindow(), s.maxBatch(), s.sqliteSync());
    }

    private Integer port(String name, String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
            error(name, "must be between 0 and 65535 but is " + port);
        } catch (NumberFormatException e) {
            error(name, "expected a port number (0-65535) but found '" + text + "'");
        }
        return null;
    }

    /** {@code name:key[:admin],…}; the key itself is never printed in an error. */
    private List<ApiKey> apiKeys(String text) {
        List<ApiKey> keys = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean ok = true;
        String[] entries = text.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split(":", -1);
            String where = "entry " + (i + 1);
            if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
                error("REFLEX_API_KEYS", where + " must look like name:key or name:key:admin");
                ok = false;
            } else if (parts.length == 3 && !parts[2].strip().equals("admin")) {
                error("REFLEX_API_KEYS", where + " ('" + parts[0].strip() + "') ends with '" + parts[2].strip()
                        + "'; the only flag is 'admin'");
                ok = false;
            } else if (!ConfigFileFormat.API_KEY_NAME.matcher(parts[0].strip()).matches()) {
                error("REFLEX_API_KEYS", where + ": name '" + parts[0].strip() + "' may only use letters, digits, '.', '_', '-' and '@'");
                ok = false;
            } else if (!names.add(parts[0].strip())) {
                error("REFLEX_API_KEYS", "duplicate API key name '" + parts[0].strip() + "'");
                ok = false;
            } else {
                keys.add(new ApiKey(parts[0].strip(), parts[1].strip(), parts.length == 3));
            }
        }
        return ok ? keys : null;
    }

    private String get(String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    private void error(String variable, String message) {
        problems.error(Location.of("environment variable " + variable), "", message);
    }
}
