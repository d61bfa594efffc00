package dev.reflex.api;

/** Who may call an endpoint. */
public enum Access {
    /** Anyone, even when the API requires keys: liveness and readiness probes. */
    PUBLIC,
    /** Any valid API key when keys are required; anyone on an open loopback listener. */
    USER,
    /**
     * Only an admin key, always: reading decrypted secrets and other privileged operations need an
     * admin key even on an open loopback listener.
     */
    ADMIN
}
