package dev.reflex.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error response.
 *
 * @param type     a URI naming the kind of problem; {@code about:blank} for plain HTTP statuses
 * @param title    the status's short title
 * @param status   the HTTP status
 * @param detail   what went wrong with this request, in a sentence
 * @param instance the request path
 * @param errors   individual errors, such as every invalid field, when there are several
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<String> errors) {

    /** The media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";
}
