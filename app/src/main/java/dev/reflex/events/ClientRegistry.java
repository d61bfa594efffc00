package dev.reflex.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client registry: the latest attributes of every client (agents as their keepalives report
 * them, proxy clients as created), and the signature first seen for each name.
 *
 * <p>Implementations only store and fetch; {@link ClientRegistrar} holds the rules.
 */
public interface ClientRegistry {

    /** The client's attributes. */
    Optional<Map<String, Object>> get(String name);

    /** Stores a client's attributes under its {@code name}. */
    void put(Map<String, Object> client);

    /** Removes a client; true if it existed. Its signature is kept. */
    boolean delete(String name);

    /** Every client name, sorted. */
    List<String> names();

    /**
     * Records a signature for a name unless one was recorded before (an empty string stands for
     * "none yet"); true when this call recorded it, which marks the client's first registration.
     */
    boolean putSignatureIfAbsent(String name, String signature);

    /** The signature recorded for a name ({@code ""} when the client had none), if any was recorded. */
    Optional<String> signature(String name);

    /** Replaces the signature recorded for a name. */
    void setSignature(String name, String signature);

    /** Forgets the signature recorded for a name: the name's next registration is a first one. */
    void deleteSignature(String name);
}
