package dev.reflex.template;

import com.hubspot.jinjava.util.HasObjectTruthValue;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code st2kv.system} scope of a template context: a map that reads datastore keys lazily,
 * through an injected lookup, only when a template names them.
 *
 * <p>As in StackStorm, {@code {{ st2kv.system.name }}} renders the value of key {@code name} and a
 * key that does not exist renders as the empty string (it is not an undefined-variable error).
 * Dotted keys work too: {@code {{ st2kv.system.slack.token }}} reads key {@code slack.token} when
 * there is no key {@code slack}. Each value is looked up at most once per instance, so create one
 * instance per rendering.
 */
public final class KeyValueLookup extends AbstractMap<String, Object> {

    private final Function<String, Optional<String>> lookup;
    private final Map<String, Optional<String>> cache = new HashMap<>();

    /**
     * A scope reading through {@code lookup}.
     *
     * @param lookup the value of a key, decrypted, or empty when there is no such key
     */
    public KeyValueLookup(Function<String, Optional<String>> lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /** A scope with no keys at all. */
    public static KeyValueLookup empty() {
        return new KeyValueLookup(name -> Optional.empty());
    }

    /** The value of the key, or empty; looked up once and remembered. */
    public Optional<String> value(String key) {
        return cache.computeIfAbsent(key, lookup);
    }

    /** The value of key {@code key} as a string, or a {@link Missing} placeholder that renders as "". */
    @Override
    public Object get(Object key) {
        return resolve(String.valueOf(key));
    }

    private Object resolve(String fullKey) {
        Optional<String> v = value(fullKey);
        return v.isPresent() ? v.get() : new Missing(this, fullKey);
    }

    @Override
    public boolean containsKey(Object key) {
        return true;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return Collections.emptySet();
    }

    @Override
    public String toString() {
        return "";
    }

    /**
     * A datastore key that does not exist (yet): renders as the empty string, and reads deeper
     * keys for dotted names.
     */
    public static final class Missing extends AbstractMap<String, Object> implements HasObjectTruthValue {
        private final KeyValueLookup root;
        private final String key;

        Missing(KeyValueLookup root, String key) {
            this.root = root;
            this.key = key;
        }

        /** The full name of the missing key, such as {@code st2kv.system.slack.token}. */
        public String keyName() {
            return "st2kv.system." + key;
        }

        @Override
        public Object get(Object sub) {
            return root.resolve(key + "." + sub);
        }

        @Override
        public boolean containsKey(Object sub) {
            return true;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Collections.emptySet();
        }

        @Override
        public boolean getObjectTruthValue() {
            return false;
        }

        @Override
        public String toString() {
            return "";
        }
    }
}
