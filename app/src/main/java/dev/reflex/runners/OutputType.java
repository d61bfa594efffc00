package dev.reflex.runners;

/** Which stream a line of live output came from, as StackStorm's execution output records it. */
public enum OutputType {
    STDOUT, STDERR;

    /** The lower-case name StackStorm uses ({@code stdout}, {@code stderr}). */
    public String wireName() {
        return this == STDOUT ? "stdout" : "stderr";
    }
}
