/**
 * The local shell runners {@code local-shell-cmd} and {@code local-shell-script}: run a command or a
 * pack script on the Reflex host through {@code /bin/sh}, with StackStorm's arguments, sudo,
 * working directory, environment and timeout, streaming output line by line, and killing the whole
 * process tree on timeout or cancellation.
 */
package dev.reflex.runners.local;
