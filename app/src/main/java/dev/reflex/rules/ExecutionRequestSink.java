package dev.reflex.rules;

/**
 * Where rule enforcement hands the executions it requests: the executions service.
 */
public interface ExecutionRequestSink {

    /**
     * Creates (and schedules) the execution.
     *
     * @return the id of the new execution
     * @throws RuntimeException when it cannot be created, such as {@code Action "x" doesn't exist};
     *                          the message becomes the enforcement's failure reason
     */
    String submit(ExecutionRequest request);

    /**
     * Records a request whose parameters could not be rendered. StackStorm creates the execution
     * and fails it at once so that the failure shows in the execution history; a sink that does so
     * returns its id. The default records nothing.
     *
     * @param request the request, with the parameters as written in the rule
     * @param error   why rendering failed
     * @return the id of the failed execution, or null when none was created
     */
    default String rejected(ExecutionRequest request, String error) {
        return null;
    }
}
