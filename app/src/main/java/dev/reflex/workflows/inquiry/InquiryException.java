package dev.reflex.workflows.inquiry;

import java.util.List;

/** Why a response to an inquiry was refused; {@link #kind()} says which HTTP answer fits. */
public final class InquiryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The reasons a response is refused. */
    public enum Kind {
        /** No inquiry with that id. */
        NOT_FOUND,
        /** The inquiry was already answered, timed out or canceled. */
        NOT_PENDING,
        /** The responder is not among the allowed users or roles. */
        FORBIDDEN,
        /** The response does not conform to the inquiry's schema. */
        INVALID
    }

    private final Kind kind;
    private final List<String> errors;

    /** A refusal with its reason and, for {@link Kind#INVALID}, each schema violation. */
    public InquiryException(Kind kind, String message, List<String> errors) {
        super(message);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    /** Why the response was refused. */
    public Kind kind() {
        return kind;
    }

    /** The schema violations, one per line, for an invalid response. */
    public List<String> errors() {
        return errors;
    }
}
