/** The {@code noop} runner: succeeds at once without doing anything, as StackStorm's does. */
package dev.reflex.runners.noop;
