/**
 * The Sensu Core 1.x monitoring model's definitions and the pure logic around them.
 *
 * <p>This package owns check, client, handler, filter and mutator definitions (records parsed from
 * JSON and validated with Sensu's rules, every problem reported with a JSON-pointer path), the
 * deep merge of several settings files as Sensu's {@code conf.d} does, client token substitution
 * ({@code :::path|default:::}), the scheduling math (deterministic splay, cron, subdue windows),
 * check result validation and metric output truncation. Nothing here does I/O beyond reading the
 * settings files it is asked to read; time comes from an injected {@link java.time.Clock}.
 *
 * <p>The event processor that turns check results into events lives in {@code dev.reflex.events}.
 */
package dev.reflex.checks;
