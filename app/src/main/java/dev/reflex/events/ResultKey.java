package dev.reflex.events;

/**
 * A client/check pair: the key of results, histories and events. Events for the same pair are
 * processed in order; different pairs are processed in parallel.
 *
 * @param client the client name
 * @param check  the check name
 */
public record ResultKey(String client, String check) implements Comparable<ResultKey> {

    public ResultKey {
        if (client == null || check == null) {
            throw new IllegalArgumentException("a result key needs a client and a check name");
        }
    }

    /** Sensu's textual form, {@code client:check}. */
    @Override
    public String toString() {
        return client + ":" + check;
    }

    /** Parses {@code client:check} (client names cannot contain a colon). */
    public static ResultKey parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected client:check, got " + text);
        }
        return new ResultKey(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public int compareTo(ResultKey o) {
        int c = client.compareTo(o.client);
        return c != 0 ? c : check.compareTo(o.check);
    }
}
