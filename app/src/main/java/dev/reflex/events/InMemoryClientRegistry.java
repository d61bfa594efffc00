package dev.reflex.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ClientRegistry} in memory, safe for concurrent use. */
public final class InMemoryClientRegistry implements ClientRegistry {

    private final Map<String, Map<String, Object>> clients = new ConcurrentHashMap<>();
    private final Map<String, String> signatures = new ConcurrentHashMap<>();

    @Override
    public Optional<Map<String, Object>> get(String name) {
        return Optional.ofNullable(clients.get(name));
    }

    @Override
    public void put(Map<String, Object> client) {
        clients.put(String.valueOf(client.get("name")), copy(client));
    }

    private static Map<String, Object> copy(Map<String, Object> client) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(client));
    }

    @Override
    public boolean delete(String name) {
        return clients.remove(name) != null;
    }

    @Override
    public List<String> names() {
        return clients.keySet().stream().sorted().toList();
    }

    @Override
    public boolean putSignatureIfAbsent(String name, String signature) {
        return signatures.putIfAbsent(name, signature == null ? "" : signature) == null;
    }

    @Override
    public Optional<String> signature(String name) {
        return Optional.ofNullable(signatures.get(name));
    }

    @Override
    public void setSignature(String name, String signature) {
        signatures.put(name, signature == null ? "" : signature);
    }

    @Override
    public void deleteSignature(String name) {
        signatures.remove(name);
    }
}
