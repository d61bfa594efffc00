/**
 * The typed in-process message bus: {@link dev.reflex.bus.Topic}s, bounded per-subscriber queues,
 * back-pressure to producers and counted, logged drops. A Kafka-backed bus will implement the same
 * {@link dev.reflex.bus.Bus} interface for scale-out.
 */
package dev.reflex.bus;
