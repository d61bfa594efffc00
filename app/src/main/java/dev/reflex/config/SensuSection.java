package dev.reflex.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The {@code sensu:} section of {@code reflex.yaml}. Today it holds {@code api}: Sensu's API on a port
 * of its own, at Sensu's root paths. The port is off unless {@code sensu.api} is present. A listener
 * that is not on loopback must have a user and a password, because Sensu tools cannot present Reflex
 * API keys.
 */
final class SensuSection {

    static final Pattern USER = Pattern.compile("[^:\\s]+");
    static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

    private SensuSection() {
    }

    /** Reads the section; null when it does not turn the port on. */
    static ReflexConfig.SensuApi read(ObjectReader sensu, ReflexConfig.Http http) {
        return sensu.optional("api").object(null, a -> api(a, http));
    }

    private static ReflexConfig.SensuApi api(ObjectReader a, ReflexConfig.Http http) {
        Value bindValue = a.optional("bind").matching(ConfigFileFormat.NOT_BLANK, "must not be empty");
        String bind = bindValue.string("127.0.0.1");
        Value portValue = a.optional("port");
        int port = portValue.intValue(ReflexConfig.SensuApi.DEFAULT_PORT, 0, 65535);
        Value userValue = a.optional("user").matching(USER, "a user name without ':' or spaces");
        String user = userValue.text(null);
        Value passwordValue = a.optional("password").matching(ConfigFileFormat.NOT_BLANK, "must not be empty");
        String password = passwordValue.text(null);
        if (userValue.isPresent() && !passwordValue.isPresent()) {
            a.error("'user' needs 'password': Sensu's API authenticates only when both are set");
        }
        if (passwordValue.isPresent() && !userValue.isPresent()) {
            a.error("'password' needs 'user': Sensu's API authenticates only when both are set");
        }
        if (port != 0 && http != null && port == http.port()) {
            portValue.error("the Sensu API port must differ from http.port (" + http.port() + ")");
        }
        if (!userValue.isPresent() && !passwordValue.isPresent() && bind != null && !isLoopback(bind)) {
            bindValue.error("the Sensu API is bound to " + bind + ", which is not loopback, but has no 'user' and"
                    + " 'password'; Sensu tools cannot present Reflex API keys, so set both (HTTP basic"
                    + " authentication) or bind to 127.0.0.1");
        }
        return new ReflexConfig.SensuApi(bind, port, user, password);
    }

    /**
     * Whether {@code bind} names only this machine: {@code localhost} or a loopback address literal.
     * Host names are not resolved; any other name counts as exposed.
     */
    static boolean isLoopback(String bind) {
        if (bind.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(bind).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
