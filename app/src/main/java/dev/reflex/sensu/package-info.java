/**
 * The Sensu side of the server: the service that owns the event engine over the durable state, the
 * agents' WebSocket endpoint, the check request scheduler with its lease, the keepalive and TTL
 * sweeps, and the Sensu-compatible HTTP API under {@code /sensu/}, also served at Sensu's root paths on
 * a port of its own when {@code sensu.api} is configured ({@link dev.reflex.sensu.SensuApiPort}).
 *
 * <p>Everything time-driven runs from {@link dev.reflex.sensu.SensuService#tick()}, which reads the
 * injected clock: in production a timer calls it every second, tests call it after moving a test
 * clock. Only the node holding the {@code sensu_leases} lease schedules and sweeps.
 */
package dev.reflex.sensu;
