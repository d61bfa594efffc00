package dev.reflex.triggers.pipeline;

import dev.reflex.store.Store;
import dev.reflex.triggers.TriggerInstance;
import dev.reflex.triggers.TriggerInstanceStatus;

/**
 * Processes a new trigger instance before it is stored, so that the instance, its outcome and the
 * records of that outcome (the rules' enforcements) are written in one transaction. The rules
 * dispatcher installs one on the {@link DurableTriggerEmitter} while it runs.
 */
@FunctionalInterface
public interface InstanceProcessor {

    /**
     * Processes an instance not yet stored. Called on the emitting thread; must not wait for a
     * store write, as the caller's write comes after it.
     *
     * @param instance the new instance, {@code pending}
     * @return the instance's final status and the rows that record how it was processed
     */
    Outcome process(TriggerInstance instance);

    /**
     * What processing gave.
     *
     * @param status the instance's status to store ({@code processed} or {@code processing_failed})
     * @param rows   writes run in the instance's transaction, after its insert
     */
    record Outcome(TriggerInstanceStatus status, Store.Write<Void> rows) {
    }
}
