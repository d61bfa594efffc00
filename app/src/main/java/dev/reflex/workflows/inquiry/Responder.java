package dev.reflex.workflows.inquiry;

/**
 * Who answers an inquiry.
 *
 * @param user  the user name (the API key's name, or the system user when the API runs without keys)
 * @param admin whether the caller holds the {@code admin} role (an admin API key)
 */
public record Responder(String user, boolean admin) {
}
