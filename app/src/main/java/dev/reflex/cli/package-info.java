/**
 * The {@code reflex} command line's client commands: they talk to a server over the HTTP API
 * ({@link dev.reflex.cli.ApiClient}), print {@code st2}-style tables or {@code --json}, and exit 0 on
 * success, 1 on failure and 2 on usage errors. Offline commands such as {@code validate} live here too.
 */
package dev.reflex.cli;
