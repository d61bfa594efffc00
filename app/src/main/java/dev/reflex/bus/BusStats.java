package dev.reflex.bus;

import java.util.Map;

/**
 * What the bus has done, per topic.
 *
 * @param topics counts keyed by topic name
 */
public record BusStats(Map<String, TopicStats> topics) {

    public BusStats {
        topics = Map.copyOf(topics);
    }

    /**
     * Counts for one topic, summed over its subscribers.
     *
     * @param published messages accepted by {@code publish} or {@code offer}
     * @param delivered messages handed to a handler
     * @param dropped   deliveries given up because a subscriber stayed full
     * @param failed    deliveries whose handler threw
     * @param waiting   messages queued now
     */
    public record TopicStats(long published, long delivered, long dropped, long failed, long waiting) {
    }
}
