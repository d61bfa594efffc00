package dev.reflex.events;

import dev.reflex.checks.JsonValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Sensu event: the current incident state of one client/check pair, as the processor built it
 * from a check result.
 *
 * <p>{@link #toSensuMap()} gives the Sensu 1.x event JSON handlers receive:
 * {@code {id, client, check, occurrences, occurrences_watermark, last_ok, action, timestamp,
 * last_state_change, silenced, silenced_by}}, with {@code check.history} as strings and
 * {@code check.total_state_change}.
 *
 * @param id                   persistent id; kept while the event is stored, new after deletion
 * @param client               the client (or proxy client) attributes from the registry
 * @param check                the check attributes: result merged over the definition, plus
 *                             {@code history} (statuses as strings, oldest first) and
 *                             {@code total_state_change}
 * @param occurrences          how many results in a row had this status
 * @param occurrencesWatermark the highest occurrence count reached since the event was created
 * @param lastOk               when the last OK result ran (epoch seconds), or null
 * @param lastStateChange      when the status last changed (epoch seconds), or null
 * @param action               create, resolve or flapping
 * @param timestamp            when the event was built (epoch seconds)
 * @param silenced             whether a silence entry matched
 * @param silencedBy           the ids of the matching silence entries
 */
public record Event(
        String id,
        Map<String, Object> client,
        Map<String, Object> check,
        long occurrences,
        long occurrencesWatermark,
        Long lastOk,
        Long lastStateChange,
        EventAction action,
        long timestamp,
        boolean silenced,
        List<String> silencedBy) {

    public Event {
        client = Collections.unmodifiableMap(client);
        check = Collections.unmodifiableMap(check);
        silencedBy = List.copyOf(silencedBy);
    }

    /** The client/check pair. */
    public ResultKey key() {
        return new ResultKey(clientName(), checkName());
    }

    /** The client name. */
    public String clientName() {
        return String.valueOf(client.get("name"));
    }

    /** The check name. */
    public String checkName() {
        return String.valueOf(check.get("name"));
    }

    /** The check status (0 when missing). */
    public int status() {
        Integer s = JsonValues.asInt(check.get("status"));
        return s == null ? 0 : s;
    }

    /** The status history, oldest first, as strings. */
    public List<String> history() {
        List<Object> h = JsonValues.asList(check.get("history"));
        List<String> out = new ArrayList<>();
        if (h != null) {
            h.forEach(s -> out.add(String.valueOf(s)));
        }
        return out;
    }

    /** The total state change percentage stored in the check. */
    public int totalStateChange() {
        Integer t = JsonValues.asInt(check.get("total_state_change"));
        return t == null ? 0 : t;
    }

    /** A copy with silencing decided. */
    public Event withSilencing(boolean silenced, List<String> silencedBy) {
        return new Event(id, client, check, occurrences, occurrencesWatermark, lastOk, lastStateChange, action,
                timestamp, silenced, silencedBy);
    }

    /** The Sensu 1.x event JSON, as handlers and the API see it. */
    public Map<String, Object> toSensuMap() {
        Map<String, Object> m = new LinkedHashMap<>(16);
        m.put("id", id);
        m.put("client", client);
        m.put("check", check);
        m.put("occurrences", occurrences);
        m.put("occurrences_watermark", occurrencesWatermark);
        m.put("last_ok", lastOk);
        m.put("action", action.label());
        m.put("timestamp", timestamp);
        if (lastStateChange != null) {
            m.put("last_state_change", lastStateChange);
        }
        m.put("silenced", silenced);
        m.put("silenced_by", silencedBy);
        return m;
    }

    /** Reads an event from its Sensu JSON (as a store keeps it). */
    public static Event fromSensuMap(Map<String, Object> m) {
        Map<String, Object> client = JsonValues.asMap(m.get("client"));
        Map<String, Object> check = JsonValues.asMap(m.get("check"));
        Long occurrences = JsonValues.asLong(m.get("occurrences"));
        Long watermark = JsonValues.asLong(m.get("occurrences_watermark"));
        Long timestamp = JsonValues.asLong(m.get("timestamp"));
        List<String> silencedBy = new ArrayList<>();
        List<Object> by = JsonValues.asList(m.get("silenced_by"));
        if (by != null) {
            by.forEach(o -> silencedBy.add(String.valueOf(o)));
        }
        long occ = occurrences == null ? 1 : occurrences;
        return new Event(String.valueOf(m.get("id")),
                client == null ? Map.of() : client,
                check == null ? Map.of() : check,
                occ, watermark == null ? occ : watermark,
                JsonValues.asLong(m.get("last_ok")),
                JsonValues.asLong(m.get("last_state_change")),
                EventAction.fromLabel(m.get("action")),
                timestamp == null ? 0 : timestamp,
                Boolean.TRUE.equals(m.get("silenced")),
                silencedBy);
    }
}
