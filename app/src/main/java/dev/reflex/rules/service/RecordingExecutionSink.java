package dev.reflex.rules.service;

import dev.reflex.rules.ExecutionRequest;
import dev.reflex.rules.ExecutionRequestSink;

/**
 * The execution sink used until the executions service exists: it creates no execution, so the
 * enforcement succeeds without an execution id and records the request (action, rendered
 * parameters, context) for inspection through the rule enforcements API.
 */
public final class RecordingExecutionSink implements ExecutionRequestSink {

    @Override
    public String submit(ExecutionRequest request) {
        return null;
    }
}
