/**
 * The runner SPI: what the execution engine calls to run one action. A {@link dev.reflex.runners.Runner}
 * declares its {@link dev.reflex.runners.RunnerType} (name and runner parameters, as StackStorm
 * declares them) and turns a {@link dev.reflex.runners.RunRequest} into a
 * {@link dev.reflex.runners.RunOutcome} whose {@code result} map has the shape StackStorm produces.
 * The {@link dev.reflex.runners.RunContext} carries cancellation, live output, the clock and secrets.
 *
 * <p>One sub-package per runner: {@code noop}, {@code local} (local shell command and script),
 * {@code remote} (SSH), {@code http}, {@code mail} (SMTP), {@code chat} (Slack, Mattermost, Teams,
 * webhooks), {@code trigger} (inject a trigger instance); {@code shell} holds what the shell runners share (quoting, argument building, results).
 */
package dev.reflex.runners;
