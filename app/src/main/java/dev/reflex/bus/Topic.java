package dev.reflex.bus;

import java.util.Objects;

/**
 * A named, typed channel on the {@link Bus}. Topics are constants declared by the package that owns
 * the messages, for example {@code Topic<TriggerInstance> TRIGGER_INSTANCES}.
 *
 * @param name     a stable dotted name, used in metrics and logs
 * @param type     the message type; the bus refuses messages of any other type
 * @param capacity how many messages each subscriber may have waiting before producers are held back
 * @param <T>      the message type
 */
public record Topic<T>(String name, Class<T> type, int capacity) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (capacity < 1) {
            throw new IllegalArgumentException("topic " + name + ": capacity must be at least 1, was " + capacity);
        }
    }

    /** A topic with the default capacity of 8192 waiting messages per subscriber. */
    public static <T> Topic<T> of(String name, Class<T> type) {
        return new Topic<>(name, type, 8192);
    }
}
