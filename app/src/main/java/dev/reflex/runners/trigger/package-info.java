/**
 * The {@code inject-trigger} runner: emits a trigger instance (a trigger reference and a payload)
 * into Reflex, as StackStorm's {@code core.inject_trigger} action does through its webhook API.
 */
package dev.reflex.runners.trigger;
