/** Test helpers that start real external components (OpenSSH's server) for integration tests. */
package dev.reflex.testkit;
