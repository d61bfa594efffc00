/**
 * Timers: StackStorm's {@code core.st2.IntervalTimer}, {@code core.st2.DateTimer} and
 * {@code core.st2.CronTimer} (APScheduler's cron fields and defaults), driven by the injected clock,
 * emitting {@code {executed_at, schedule}} through the trigger emitter. Only the node that holds
 * the store's {@code timers} {@link dev.reflex.triggers.timers.Lease} fires them, so several nodes
 * on one database fire each timer once.
 */
package dev.reflex.triggers.timers;
