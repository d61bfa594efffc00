/**
 * Helpers shared by tests: a clock that moves only when told to, real external components started
 * for the test (a throwaway PostgreSQL cluster, an OpenSSH server, a Reflex server process) and a
 * small HTTP client. Nothing here ships in the application.
 */
package dev.reflex.testkit;
