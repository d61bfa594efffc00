/**
 * The Sensu Core 1.x event processor and handler pipeline.
 *
 * <p>This package owns what happens to a check result on the server, to the letter of Sensu 1.x:
 * client lookup (and proxy clients through {@code source}), the merge over the local check
 * definition, aggregates, result storage with the last 21 statuses, the Nagios-weighted
 * {@code total_state_change}, flap detection with hysteresis, the event itself ({@code create},
 * {@code resolve}, {@code flapping}, occurrences and their watermark, ids that persist until the
 * event is deleted), silencing, the event registry, keepalive and TTL monitoring, and then, for
 * every handler, the pipeline of filters, mutator and delivery.
 *
 * <p>State goes through three small repository interfaces ({@link dev.reflex.events.EventState},
 * {@link dev.reflex.events.ClientRegistry}, {@link dev.reflex.events.SilenceRegistry}) with in-memory
 * implementations here; the store implements them for durability, and no engine logic lives there.
 * Time comes from an injected {@link java.time.Clock} and event ids from an injected id source.
 */
package dev.reflex.events;
