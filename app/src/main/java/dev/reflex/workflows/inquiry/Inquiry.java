package dev.reflex.workflows.inquiry;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One inquiry as recorded: the question a {@code core.ask} execution asks and, once given, the answer.
 * Its id is the id of the execution that asks.
 *
 * @param id          the id of the asking execution
 * @param parentId    the workflow execution that ran the ask, or null
 * @param status      {@code pending}, {@code succeeded}, {@code timeout} or {@code canceled}
 * @param expiresAt   when an unanswered inquiry times out, or null when its TTL is 0 (never)
 * @param schema      the JSON schema the response must conform to
 * @param roles       the roles allowed to respond (empty: any)
 * @param users       the users allowed to respond (empty: any)
 * @param route       the route for notifications (free text)
 * @param ttl         minutes to wait for a response; 0 waits forever
 * @param response    the response given, or null
 * @param respondedBy the user who responded, or null
 */
public record Inquiry(String id, String parentId, String status, Instant expiresAt, Map<String, Object> schema,
                      List<String> roles, List<String> users, String route, long ttl, Map<String, Object> response,
                      String respondedBy) {

    /** The status of an inquiry that waits for its answer. */
    public static final String PENDING = "pending";

    public Inquiry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        schema = Collections.unmodifiableMap(new LinkedHashMap<>(schema));
        roles = List.copyOf(roles);
        users = List.copyOf(users);
        route = route == null ? "" : route;
        response = response == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(response));
    }

    /** Whether it still waits for an answer. */
    public boolean pending() {
        return PENDING.equals(status);
    }

    /** The same inquiry, answered or ended with {@code next}. */
    public Inquiry ended(String next, Map<String, Object> answer, String by) {
        return new Inquiry(id, parentId, next, expiresAt, schema, roles, users, route, ttl, answer, by);
    }

    /**
     * The result of the asking execution, as StackStorm records it: the question's parameters and the
     * response ({@code {}} until one is given).
     */
    public Map<String, Object> result() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("schema", schema);
        r.put("roles", roles);
        r.put("users", users);
        r.put("route", route);
        r.put("ttl", ttl);
        r.put("response", response == null ? Map.of() : response);
        return r;
    }

    /** Names the inquiry without its schema or response. */
    @Override
    public String toString() {
        return "Inquiry[" + id + ", " + status + "]";
    }
}
