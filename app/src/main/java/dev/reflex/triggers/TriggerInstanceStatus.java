package dev.reflex.triggers;

/** Where a trigger instance is in its processing by the rules engine. */
public enum TriggerInstanceStatus {
    /** Received, not yet looked at by the rules engine. */
    PENDING,
    /** Being matched against rules. */
    PROCESSING,
    /** Every matching rule has been enforced. */
    PROCESSED,
    /** Matching or enforcing failed as a whole. */
    PROCESSING_FAILED;

    private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

    /** The name used in the API and the store: {@code pending}, {@code processing_failed}… */
    public String wireName() {
        return wireName;
    }
}
