package dev.reflex.bus;

import dev.reflex.app.Service;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The typed message bus every part of Reflex publishes on: trigger instances, check results,
 * execution updates. Delivery to each subscriber is in publication order.
 *
 * <p>Queues are bounded. {@link #publish(Topic, Object)} holds the producer back while a subscriber
 * is full (back-pressure); {@link #offer(Topic, Object, Duration)} gives up after a wait and the
 * message is dropped, counted in {@link #stats()} and logged. Nothing is ever dropped silently.
 */
public interface Bus extends Service {

    /**
     * Delivers {@code message} to every subscriber of {@code topic}, waiting as long as needed for
     * room in their queues.
     *
     * @throws InterruptedException if the producer is interrupted while held back
     */
    <T> void publish(Topic<T> topic, T message) throws InterruptedException;

    /**
     * Delivers {@code message} to every subscriber that has room within {@code maxWait}.
     *
     * @return false if at least one subscriber could not take it in time (it is counted and logged as dropped)
     */
    <T> boolean offer(Topic<T> topic, T message, Duration maxWait);

    /**
     * Registers a handler that receives every message published on {@code topic} from now on, one
     * at a time, on a thread of its own. A handler that throws is logged and counted; it keeps
     * receiving later messages.
     */
    <T> Subscription subscribe(Topic<T> topic, String subscriber, Consumer<? super T> handler);

    /** Counts of what the bus has done so far. */
    BusStats stats();

    /**
     * Proves the bus delivers now: a probe message through a topic and back.
     *
     * @throws IllegalStateException when it does not within a second
     */
    void check();

    /** A registered handler; closing it stops delivery after the message in progress. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
