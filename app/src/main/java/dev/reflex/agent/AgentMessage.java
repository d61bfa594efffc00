package dev.reflex.agent;

import dev.reflex.checks.JsonValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The messages an agent and the server exchange over the agent WebSocket: one JSON object per text
 * frame, its {@code type} naming the variant.
 *
 * <ul>
 *   <li>agent → server: {@link Keepalive} (the first one registers the client), {@link Result},
 *       {@link RemoteOutput} and {@link RemoteDone} for a remote command;</li>
 *   <li>server → agent: {@link Ack} once a result is durable, {@link Reject} for a result that can
 *       never be accepted (invalid), {@link Request} to run a check, {@link RemoteRun} and
 *       {@link RemoteCancel} for the remote runners' commands.</li>
 * </ul>
 *
 * <p>The remote command messages share an {@code id} chosen by the server (the correlation id):
 * {@code remote_run} starts a command, any number of {@code remote_output} lines follow, and exactly
 * one {@code remote_done} ends it (also after {@code remote_cancel}).
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

        /** The same text as the map's JSON, put together directly when the id needs no escaping. */
        @Override
        public String toJson() {
            for (int i = 0; i < id.length(); i++) {
                char c = id.charAt(i);
                if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
                    return JsonValues.write(toMap());
                }
            }
            return "{\"type\":\"ack\",\"id\":\"" + id + "\"}";
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
     * Run a remote runner's command (see {@code RemoteCommand} for the fields of {@code command}).
     * Its {@code toString} leaves the command out, as it may carry a sudo password.
     */
    record RemoteRun(String id, Map<String, Object> command) implements AgentMessage {
        @Override
        public Map<String, Object> toMap() {
            return map("type", "remote_run", "id", id, "command", command);
        }

        @Override
        public String toString() {
            return "RemoteRun[id=" + id + "]";
        }
    }

    /** Kill the process tree of the remote command {@code id}; a {@link RemoteDone} still follows. */
    record RemoteCancel(String id, String reason) implements AgentMessage {
        @Override
        public Map<String, Object> toMap() {
            return map("type", "remote_cancel", "id", id, "reason", reason);
        }
    }

    /** One line of output of the remote command {@code id}, {@code stream} being stdout or stderr. */
    record RemoteOutput(String id, String stream, String line) implements AgentMessage {
        @Override
        public Map<String, Object> toMap() {
            return map("type", "remote_output", "id", id, "stream", stream, "line", line);
        }
    }

    /**
     * The end of the remote command {@code id}.
     *
     * @param ending     {@code exited}, {@code timed_out}, {@code canceled}, {@code refused} or {@code failed}
     * @param exitStatus the exit status, -1 unless it exited
     * @param message    why it was refused or failed; empty otherwise
     */
    record RemoteDone(String id, String ending, int exitStatus, String stdout, String stderr, String message)
            implements AgentMessage {
        @Override
        public Map<String, Object> toMap() {
            return map("type", "remote_done", "id", id, "ending", ending, "exit_status", exitStatus, "stdout", stdout,
                    "stderr", stderr, "message", message);
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
            case "remote_run" -> new RemoteRun(require(id, "id"), require(JsonValues.asMap(m.get("command")), "command"));
            case "remote_cancel" -> new RemoteCancel(require(id, "id"), String.valueOf(m.getOrDefault("reason", "canceled")));
            case "remote_output" -> new RemoteOutput(require(id, "id"), String.valueOf(m.get("stream")),
                    String.valueOf(require(m.get("line"), "line")));
            case "remote_done" -> new RemoteDone(require(id, "id"), String.valueOf(require(m.get("ending"), "ending")),
                    m.get("exit_status") instanceof Number n ? n.intValue() : -1, text(m.get("stdout")),
                    text(m.get("stderr")), text(m.get("message")));
            default -> throw new IllegalArgumentException("unknown message type " + type);
        };
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
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
