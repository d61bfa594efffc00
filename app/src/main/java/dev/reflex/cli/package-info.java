/**
 * The command line's commands that are not roles of the server: {@code reflex validate}, and later the
 * StackStorm-like client verbs. The root command lives in {@code dev.reflex.app}, which registers these.
 */
package dev.reflex.cli;
