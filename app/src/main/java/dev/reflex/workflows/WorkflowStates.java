package dev.reflex.workflows;

import dev.reflex.store.Store;
import dev.reflex.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The durable state of running workflows, one JSON document per workflow execution in the
 * {@code workflow_state} table. {@link #save} is durable when it returns (the store's group-committing
 * writer), so an orchestrator records a transition before it acts on it.
 */
public final class WorkflowStates {

    private static final String UPSERT = "INSERT INTO workflow_state (execution_id, runner, doc, updated_at) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (execution_id) DO UPDATE SET doc = excluded.doc, "
            + "updated_at = excluded.updated_at";

    private final Store store;
    private final Clock clock;

    /** The states kept in {@code store}, stamped with {@code clock}. */
    public WorkflowStates(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Writes the state of a workflow; durable on return. */
    public void save(String executionId, String runner, String doc) {
        store.write(saving(executionId, runner, doc));
    }

    /**
     * Queues the state of a workflow without waiting for its commit. The store's one writer commits
     * in the order writes are queued, so a durable write the caller makes afterwards (a child's row,
     * the workflow's final status) commits after it; the future completes after the commit.
     */
    public CompletableFuture<Integer> saveQueued(String executionId, String runner, String doc) {
        return store.writeAsync(saving(executionId, runner, doc));
    }

    private Store.Write<Integer> saving(String executionId, String runner, String doc) {
        long now = clock.millis();
        return c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                ps.setString(1, executionId);
                ps.setString(2, runner);
                ps.setString(3, doc);
                ps.setLong(4, now);
                return ps.executeUpdate();
            }
        };
    }

    /** The last state written for a workflow. */
    public Optional<String> load(String executionId) {
        try (Connection c = store.readers().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT doc FROM workflow_state WHERE execution_id = ?")) {
            ps.setString(1, executionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the state of workflow " + executionId + " failed", e);
        }
    }

    /** Forgets a workflow's state (once it has completed); durable on return. */
    public void delete(String executionId) {
        store.write(deleting(executionId));
    }

    /**
     * Queues forgetting a workflow's state without waiting for the commit: for a workflow whose final
     * status is already durable, a state left behind by a crash is never read again (only workflows
     * still running are recovered).
     */
    public CompletableFuture<Integer> deleteQueued(String executionId) {
        return store.writeAsync(deleting(executionId));
    }

    private static Store.Write<Integer> deleting(String executionId) {
        return c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM workflow_state WHERE execution_id = ?")) {
                ps.setString(1, executionId);
                return ps.executeUpdate();
            }
        };
    }
}
