package dev.reflex.runners;

import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves secret references in runner parameters and runner configuration. A value written
 * {@code kv:NAME} is looked up by {@code NAME} through the context's secrets lookup (the key-value
 * store); any other value is used as given. An unknown reference is an error naming the key, never
 * a value.
 */
public final class Secrets {

    /** The prefix that marks a key-value reference. */
    public static final String PREFIX = "kv:";

    private Secrets() {
    }

    /** Whether the value is a {@code kv:NAME} reference. */
    public static boolean isReference(String value) {
        return value != null && value.startsWith(PREFIX) && value.length() > PREFIX.length();
    }

    /**
     * The value itself, or what the reference points to.
     *
     * @throws IllegalArgumentException when a reference names no secret
     */
    public static String resolve(String value, Function<String, Optional<String>> lookup) {
        if (!isReference(value)) {
            return value;
        }
        String key = value.substring(PREFIX.length()).trim();
        return lookup.apply(key)
                .orElseThrow(() -> new IllegalArgumentException("secret reference \"" + PREFIX + key + "\" names no key-value entry"));
    }
}
