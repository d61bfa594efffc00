package dev.reflex.sensu;

import dev.reflex.config.ReflexConfig;
import dev.reflex.runners.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP basic authentication of Sensu's {@code api} definition: when both a user and a password are
 * configured, a request must carry {@code Authorization: Basic base64(user:password)}; otherwise every
 * request is let through. The password may be a {@code kv:NAME} reference, looked up in the key-value
 * store on each request so that a changed secret applies at once; a reference to a missing entry
 * refuses every request (logged once, without any value). Credentials are compared in constant time
 * and never logged.
 */
final class SensuBasicAuth {

    private static final Logger LOG = LoggerFactory.getLogger(SensuBasicAuth.class);

    private final String user;
    private final String password;
    private final Function<String, Optional<String>> secrets;
    private final AtomicBoolean missingReported = new AtomicBoolean();

    /**
     * @param settings the listener's settings
     * @param secrets  looks up {@code kv:NAME} references in the key-value store
     */
    SensuBasicAuth(ReflexConfig.SensuApi settings, Function<String, Optional<String>> secrets) {
        this.user = settings.authenticates() ? settings.user() : null;
        this.password = settings.authenticates() ? settings.password() : null;
        this.secrets = secrets;
    }

    /** Whether requests need credentials. */
    boolean required() {
        return user != null;
    }

    /** Whether a request with this {@code Authorization} header (null when absent) may proceed. */
    boolean allows(String authorization) {
        if (!required()) {
            return true;
        }
        String expected = expectedPassword();
        if (authorization == null || expected == null) {
            return false;
        }
        int space = authorization.indexOf(' ');
        if (space < 0 || !authorization.substring(0, space).equalsIgnoreCase("Basic")) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(space + 1).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        boolean userOk = same(decoded.substring(0, colon), user);
        boolean passwordOk = same(decoded.substring(colon + 1), expected);
        return userOk & passwordOk;
    }

    private String expectedPassword() {
        try {
            String resolved = Secrets.resolve(password, secrets);
            missingReported.set(false);
            return resolved;
        } catch (IllegalArgumentException e) {
            if (missingReported.compareAndSet(false, true)) {
                LOG.error("sensu.api.password: {}; the Sensu API port refuses every request until it exists",
                        e.getMessage());
            }
            return null;
        }
    }

    private static boolean same(String presented, String expected) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
