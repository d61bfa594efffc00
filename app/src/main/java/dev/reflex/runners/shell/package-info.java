/**
 * What the shell runners (local and remote) share: POSIX shell quoting (also what the template layer
 * applies to untrusted values rendered into a command), StackStorm's script argument building, its
 * command strings for sudo, working directory and environment, Python-style value formatting, the
 * shell result map and line-by-line output capture.
 */
package dev.reflex.runners.shell;
