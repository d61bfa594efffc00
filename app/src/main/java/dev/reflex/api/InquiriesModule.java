package dev.reflex.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reflex.executions.ExecutionService;
import dev.reflex.template.PyJson;
import dev.reflex.workflows.inquiry.Inquirer;
import dev.reflex.workflows.inquiry.Inquiry;
import dev.reflex.workflows.inquiry.InquiryException;
import dev.reflex.workflows.inquiry.Responder;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/v1/inquiries}, as StackStorm serves it: the pending inquiries ({@code core.ask}
 * executions), one inquiry, and the response ({@code PUT {id, response}}), validated against the
 * inquiry's schema and checked against its {@code users} and {@code roles}.
 */
public final class InquiriesModule implements ApiModule {

    private final Inquirer inquirer;
    private final ExecutionService executions;
    private final String systemUser;

    /** The module over the inquirer; {@code systemUser} answers for unauthenticated requests. */
    public InquiriesModule(Inquirer inquirer, ExecutionService executions, String systemUser) {
        this.inquirer = inquirer;
        this.executions = executions;
        this.systemUser = systemUser;
    }

    @Override
    public void routes(Routes r) {
        r.get("/api/v1/inquiries", Access.USER, "List the inquiries waiting for a response, oldest first.", this::list);
        r.get("/api/v1/inquiries/{id}", Access.USER, "Get one inquiry (its question, status and response).", this::get);
        r.put("/api/v1/inquiries/{id}", Access.USER,
                "Respond to an inquiry: {id, response}; the response must conform to the inquiry's schema.", this::respond);
    }

    private void list(Context ctx) {
        ctx.json(inquirer.pending().stream().map(this::view).toList());
    }

    private void get(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(view(inquirer.find(id).orElseThrow(() -> ApiException.notFound("Inquiry with id " + id + " not found"))));
    }

    private Map<String, Object> view(Inquiry q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", q.id());
        m.put("route", q.route());
        m.put("ttl", q.ttl());
        m.put("users", q.users());
        m.put("roles", q.roles());
        m.put("schema", q.schema());
        m.put("status", executions.find(q.id()).map(e -> e.status().value()).orElse(q.status()));
        m.put("parent", q.parentId());
        m.put("expires_at", q.expiresAt() == null ? null : q.expiresAt().toString());
        m.put("response", q.response());
        m.put("responded_by", q.respondedBy());
        return m;
    }

    private void respond(Context ctx) {
        String id = ctx.pathParam("id");
        ObjectNode body = Bodies.object(ctx);
        body.fieldNames().forEachRemaining(f -> {
            if (!f.equals("id") && !f.equals("response")) {
                throw ApiException.badRequest("unknown field '" + f + "'; known fields: id, response");
            }
        });
        if (body.hasNonNull("id") && !body.get("id").asText().equals(id)) {
            throw ApiException.badRequest("'id' in the body (" + body.get("id").asText() + ") is not the inquiry in the "
                    + "path (" + id + ")");
        }
        JsonNode response = body.get("response");
        if (response == null || !response.isObject()) {
            throw ApiException.badRequest("'response' is required: an object that conforms to the inquiry's schema");
        }
        Caller caller = ApiServer.caller(ctx);
        Responder by = new Responder(caller.authenticated() ? caller.keyName() : systemUser, caller.admin());
        try {
            Inquiry answered = inquirer.respond(id, PyJson.toPlainMap(response), by);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", answered.id());
            out.put("response", answered.response());
            ctx.json(out);
        } catch (InquiryException e) {
            throw switch (e.kind()) {
                case NOT_FOUND -> ApiException.notFound(e.getMessage());
                case NOT_PENDING -> ApiException.badRequest(e.getMessage());
                case FORBIDDEN -> ApiException.forbidden(e.getMessage());
                case INVALID -> ApiException.invalid(e.getMessage() + ": " + String.join("; ", e.errors()), e.errors());
            };
        }
    }
}
