package dev.reflex.store;

import java.time.Instant;

/**
 * One entry of the key-value datastore (StackStorm's {@code st2kv.system} scope).
 *
 * @param name      the key
 * @param value     the value, decrypted when the entry is secret
 * @param secret    whether the value is encrypted at rest and masked in every output
 * @param expiresAt when the entry disappears, or null for never
 * @param updatedAt when it was last written
 */
public record KeyValue(String name, String value, boolean secret, Instant expiresAt, Instant updatedAt) {

    /** What a secret value is shown as wherever it is not explicitly decrypted. */
    public static final String MASK = "********";

    /** A copy whose value is masked if the entry is secret. */
    public KeyValue masked() {
        return secret ? new KeyValue(name, MASK, true, expiresAt, updatedAt) : this;
    }

    @Override
    public String toString() {
        return "KeyValue[name=" + name + ", value=" + (secret ? MASK : value) + ", secret=" + secret
                + ", expiresAt=" + expiresAt + "]";
    }
}
