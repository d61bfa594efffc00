package dev.reflex.workflows.inquiry;

import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionService;
import dev.reflex.executions.ExecutionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses and resumes the workflows above an inquiry, from its parent up to the root, as StackStorm
 * pauses the workflow of a pending {@code core.ask} and resumes it once the inquiry is answered.
 * Requests that do not apply (an ancestor that is not a workflow, or already pausing) are skipped.
 */
final class Ancestors {

    private static final Logger LOG = LoggerFactory.getLogger(Ancestors.class);

    private Ancestors() {
    }

    /** The ids of the executions above {@code parentId}, parent first, root last. */
    static List<String> of(ExecutionService engine, String parentId) {
        List<String> out = new ArrayList<>();
        String id = parentId;
        while (id != null && !out.contains(id)) {
            out.add(id);
            id = engine.find(id).map(Execution::parentId).orElse(null);
        }
        return out;
    }

    /**
     * Pauses the ancestors in {@code remaining}, parent first, one level at a time: an ancestor is
     * paused once the one below it has paused (a workflow pauses when its children are idle, and
     * the engine does not call a workflow back when a child pauses). Removes from {@code remaining}
     * those that are paused or not pausable.
     *
     * @return true when nothing remains to pause
     */
    static boolean pauseStep(ExecutionService engine, String inquiryId, List<String> remaining) {
        while (!remaining.isEmpty()) {
            String id = remaining.getFirst();
            Execution e = engine.find(id).orElse(null);
            ExecutionStatus s = e == null ? null : e.status();
            if (s == ExecutionStatus.RUNNING && engine.orchestrated(e.runnerType())) {
                try {
                    engine.pause(id);
                    LOG.info("workflow {} pausing while inquiry {} waits for a response", id, inquiryId);
                } catch (IllegalStateException ex) {
                    LOG.debug("workflow {} not paused for inquiry {}: {}", id, inquiryId, ex.getMessage());
                    remaining.removeFirst();
                    continue;
                }
                s = engine.find(id).map(Execution::status).orElse(null);
            }
            if (s == ExecutionStatus.PAUSING) {
                return false;
            }
            remaining.removeFirst();
        }
        return true;
    }

    /**
     * Resumes each paused ancestor, parent first, except those that still wait for another inquiry.
     *
     * @param blocked ancestors of inquiries that are still pending
     * @return the ancestors still pausing, to resume once they have paused
     */
    static List<String> resume(ExecutionService engine, String inquiryId, String parentId, Set<String> blocked) {
        List<String> later = new ArrayList<>();
        for (String id : of(engine, parentId)) {
            if (blocked.contains(id)) {
                continue;
            }
            ExecutionStatus s = engine.find(id).map(Execution::status).orElse(null);
            if (s == ExecutionStatus.PAUSING) {
                later.add(id);
            } else if (s == ExecutionStatus.PAUSED) {
                resumeOne(engine, id, inquiryId);
            }
        }
        return later;
    }

    /** Resumes one paused workflow; false when it is still pausing (try again later). */
    static boolean resumeOne(ExecutionService engine, String id, String inquiryId) {
        ExecutionStatus s = engine.find(id).map(Execution::status).orElse(null);
        if (s == ExecutionStatus.PAUSING) {
            return false;
        }
        if (s == ExecutionStatus.PAUSED) {
            try {
                engine.resume(id);
                LOG.info("workflow {} resumed after inquiry {}", id, inquiryId);
            } catch (IllegalStateException e) {
                LOG.debug("workflow {} not resumed after inquiry {}: {}", id, inquiryId, e.getMessage());
            }
        }
        return true;
    }
}
