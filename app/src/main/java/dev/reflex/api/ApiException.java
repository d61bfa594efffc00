package dev.reflex.api;

import java.util.List;

/**
 * An error that the HTTP API answers with a status and an {@code application/problem+json} body.
 * Handlers throw it; {@link ApiServer} renders it. The detail is shown to the client, so it never
 * contains secrets or stack traces.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;
    private final String title;
    private final transient List<String> errors;

    public ApiException(int status, String title, String detail, List<String> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ApiException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    /** 400: the request cannot be understood or is invalid. */
    public static ApiException badRequest(String detail) {
        return new ApiException(400, "Bad Request", detail);
    }

    /** 400 with every validation error found. */
    public static ApiException invalid(String detail, List<String> errors) {
        return new ApiException(400, "Bad Request", detail, errors);
    }

    /** 401: no valid credentials. */
    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "Unauthorized", detail);
    }

    /** 403: valid credentials that do not allow this. */
    public static ApiException forbidden(String detail) {
        return new ApiException(403, "Forbidden", detail);
    }

    /** 404: no such resource. */
    public static ApiException notFound(String detail) {
        return new ApiException(404, "Not Found", detail);
    }

    /** 409: the request conflicts with the current state. */
    public static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Individual errors behind the detail, such as every invalid field. */
    public List<String> errors() {
        return errors;
    }
}
