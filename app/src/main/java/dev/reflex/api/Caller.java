package dev.reflex.api;

/**
 * Who made a request, as far as the API knows.
 *
 * @param keyName the name of the API key presented, or null when none was
 * @param admin   whether that key is an admin key
 */
public record Caller(String keyName, boolean admin) {

    /** A caller that presented no key. */
    public static final Caller ANONYMOUS = new Caller(null, false);

    /** Whether a valid key was presented. */
    public boolean authenticated() {
        return keyName != null;
    }
}
