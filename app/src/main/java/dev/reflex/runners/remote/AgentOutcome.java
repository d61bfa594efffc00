package dev.reflex.runners.remote;

/**
 * How a command run through an agent ended.
 *
 * @param ending     the way it ended
 * @param exitStatus the exit status when it exited, else -1
 * @param stdout     its standard output
 * @param stderr     its standard error
 * @param message    why, for a refused or failed command; empty otherwise
 */
public record AgentOutcome(Ending ending, int exitStatus, String stdout, String stderr, String message) {

    /** The ways a command run through an agent can end. */
    public enum Ending {
        /** It ran and exited with {@code exitStatus}. */
        EXITED,
        /** The agent killed it when its timeout passed. */
        TIMED_OUT,
        /** It was cancelled and the agent killed it. */
        CANCELED,
        /** The agent's configuration does not allow it; it did not run. */
        REFUSED,
        /** It could not run or its result was lost (agent gone, bad request). */
        FAILED
    }

    /** A failed outcome with a message and no output. */
    public static AgentOutcome failed(String message) {
        return new AgentOutcome(Ending.FAILED, -1, "", "", message);
    }
}
