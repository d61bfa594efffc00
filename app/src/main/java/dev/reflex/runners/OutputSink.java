package dev.reflex.runners;

/**
 * Receives an execution's output line by line while it runs, for {@code /executions/{id}/output}.
 * Lines come without their line terminator; a last line without one is delivered when the stream
 * ends. Calls for one stream arrive in order; the two streams may be delivered from different
 * threads, so implementations must be thread-safe. A sink must not block for long: runners call it
 * from the threads that read the process or the SSH channel.
 */
@FunctionalInterface
public interface OutputSink {

    /** A sink that drops every line. */
    OutputSink DISCARD = (type, line) -> { };

    /** Receives one line of output. */
    void line(OutputType type, String line);
}
