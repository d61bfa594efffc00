package dev.reflex.events.jdbc;

import dev.reflex.events.ClientRegistry;
import dev.reflex.events.InMemoryClientRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ClientRegistry} kept in memory and written to the store through the {@link WriteBehind}. */
public final class DurableClientRegistry implements ClientRegistry {

    private final InMemoryClientRegistry memory;
    private final WriteBehind writes;

    /**
     * @param memory the in-memory registry, already loaded from the store ({@link SensuTables#load})
     * @param writes where changes go
     */
    public DurableClientRegistry(InMemoryClientRegistry memory, WriteBehind writes) {
        this.memory = memory;
        this.writes = writes;
    }

    @Override
    public Optional<Map<String, Object>> get(String name) {
        return memory.get(name);
    }

    @Override
    public void put(Map<String, Object> client) {
        memory.put(client);
        writes.put(SensuTable.CLIENTS, new Object[] {String.valueOf(client.get("name"))}, RowJson.write(client));
    }

    @Override
    public boolean delete(String name) {
        boolean had = memory.delete(name);
        if (had) {
            writes.delete(SensuTable.CLIENTS, name);
        }
        return had;
    }

    @Override
    public List<String> names() {
        return memory.names();
    }

    @Override
    public boolean putSignatureIfAbsent(String name, String signature) {
        boolean recorded = memory.putSignatureIfAbsent(name, signature);
        if (recorded) {
            writes.put(SensuTable.SIGNATURES, new Object[] {name}, signature == null ? "" : signature);
        }
        return recorded;
    }

    @Override
    public Optional<String> signature(String name) {
        return memory.signature(name);
    }

    @Override
    public void setSignature(String name, String signature) {
        memory.setSignature(name, signature);
        writes.put(SensuTable.SIGNATURES, new Object[] {name}, signature == null ? "" : signature);
    }

    @Override
    public void deleteSignature(String name) {
        memory.deleteSignature(name);
        writes.delete(SensuTable.SIGNATURES, name);
    }
}
