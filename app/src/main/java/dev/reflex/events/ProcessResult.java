package dev.reflex.events;

import dev.reflex.checks.CheckResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the event processor did with one check result. */
public sealed interface ProcessResult permits ProcessResult.Discarded, ProcessResult.Processed {

    /**
     * The result was dropped before any state changed (bad signature, no integer status…).
     *
     * @param reason why, in words
     */
    record Discarded(CheckResult result, String reason) implements ProcessResult {
    }

    /**
     * The result was stored and turned into an event.
     *
     * @param event    the event built from it (even when it was neither stored nor handled)
     * @param registry what happened in the event registry
     * @param handling the handlers' outcomes; an empty list when the event is not handled
     */
    record Processed(Event event, RegistryChange registry, CompletableFuture<List<HandlingOutcome>> handling)
            implements ProcessResult {

        /** True when the event went to its handlers. */
        public boolean handled() {
            return registry.handled();
        }
    }

    /** The effect on the event registry, which also decides whether the event is handled. */
    enum RegistryChange {
        /** Stored (created or updated): a non-OK status, or flapping without force_resolve. Handled. */
        STORED(true),
        /** Deleted: a resolve (unless auto_resolve is false), or flapping with force_resolve. Handled. */
        DELETED(true),
        /** A metric check's OK result: not stored, handled. */
        METRIC(true),
        /** Nothing: an OK result with no event, or a resolve while auto_resolve is false. Not handled. */
        NONE(false);

        private final boolean handled;

        RegistryChange(boolean handled) {
            this.handled = handled;
        }

        /** Whether events with this change go to their handlers. */
        public boolean handled() {
            return handled;
        }
    }
}
