package dev.reflex.events;

import java.util.Map;

/**
 * Where {@code transport} handlers publish: in Sensu a RabbitMQ pipe; in Reflex whatever the
 * composition root wires (the bus, Kafka…). The default refuses, so a transport handler without a
 * publisher fails visibly.
 */
@FunctionalInterface
public interface TransportPublisher {

    /**
     * Publishes the data.
     *
     * @param pipeType {@code direct}, {@code fanout} or {@code topic}
     * @param pipeName the pipe's name
     * @param options  the handler's pipe options
     * @throws Exception when the data could not be published
     */
    void publish(String pipeType, String pipeName, Map<String, Object> options, byte[] data) throws Exception;

    /** A publisher that always fails: no transport is configured. */
    static TransportPublisher none() {
        return (type, name, options, data) -> {
            throw new IllegalStateException("no transport is configured for transport handlers");
        };
    }
}
