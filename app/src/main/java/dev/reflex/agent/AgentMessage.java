package dev.reflex.agent;

import dev.reflex.checks.JsonValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The messages an agent and the server exchange over the agent WebSocket: one JSON object per text
 * frame, its {@code type} naming the variant.
 *
 * <ul>
 *   <li>agent → server: {@link Keepalive} (the first one registers the client), {@link Result};</li>
 *   <li>server → agent: {@link Ack} once a result is durable, {@link Reject} for a result that can
 *       never be accepted (invalid), {@link Request} to run a check.</li>
 * </ul>
 */
public sealed interface AgentMessage {

    /** The message as a JSON-ready map. */
    Map<String, Object> toMap();

    /** The message as one JSON text frame. */
    default String toJson() {
        return JsonValues.write(toMap());
    }

    /**
     * The client's attributes, with {@code version} and {@code timestamp}, every 20 seconds.
     *
     * @param client the (redacted) client definition
     */
    record Keepalive(Map<String, Object> client) implements AgentMessage {
        @Override
        public Map<String, Object> toMap() {
            return map("type", "keepalive", "client", client);
        }
    }

    /**
     * A check result to store; the server answers with {@link Ack} or {@link Reject} for {@code id}.
     *
     * @param id     the agent's identifier of this result (its buffer sequence number)
     * @param result the Sensu result payload {@code {client, check, signature?}}
     */
    record Result(String id, Map<String, Object> result) implements AgentMessage {
        @Override
        public Map<String, Object> toMap() {
            return map("type", "result", "id", id, "result", result);
        }
    }

    /** The result {@code id} is durable on the server: the agent may forget it. */
    record Ack(String id) implements AgentMessage {
        @Override
        public Map<String, Object> toMap() {
            return map("type", "ack", "id", id);
        }
    }

    /** The result {@code id} is invalid and will never be accepted: the agent drops it and logs why. */
    record Reject(String id, String reason) implements AgentMessage {
        @Override
        public Map<String, Object> toMap() {
            return map("type", "reject", "id", id, "reason", reason);
        }
    }

    /** A check request from the server's scheduler (or the API): run {@code check}. */
    record Request(Map<String, Object> check) implements AgentMessage {
        @Override
        public Map<String, Object> toMap() {
            return map("type", "request", "check", check);
        }
    }

    /**
     * Reads one frame.
     *
     * @throws IllegalArgumentException when the frame is not a known message
     */
    static AgentMessage parse(String json) {
        Object tree;
        try {
            tree = JsonValues.read(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        Map<String, Object> m = JsonValues.asMap(tree);
        if (m == null || !(m.get("type") instanceof String type)) {
            throw new IllegalArgumentException("a message must be a JSON object with a type");
        }
        Map<String, Object> client = JsonValues.asMap(m.get("client"));
        Map<String, Object> check = JsonValues.asMap(m.get("check"));
        Map<String, Object> result = JsonValues.asMap(m.get("result"));
        String id = m.get("id") == null ? null : String.valueOf(m.get("id"));
        return switch (type) {
            case "keepalive" -> new Keepalive(require(client, "client"));
            case "result" -> new Result(require(id, "id"), require(result, "result"));
            case "ack" -> new Ack(require(id, "id"));
            case "reject" -> new Reject(require(id, "id"), String.valueOf(m.get("reason")));
            case "request" -> new Request(require(check, "check"));
            default -> throw new IllegalArgumentException("unknown message type " + type);
        };
    }

    private static <T> T require(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("the message lacks " + field);
        }
        return value;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
