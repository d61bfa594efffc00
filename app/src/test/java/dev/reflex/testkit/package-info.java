/**
 * Helpers shared by tests: a clock that moves only when told to, and the PostgreSQL server that the
 * PostgreSQL variants of contract tests run against. Nothing here ships in the application.
 */
package dev.reflex.testkit;
