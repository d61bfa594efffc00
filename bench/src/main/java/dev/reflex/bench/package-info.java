/** Benchmarks and load generators, each run by {@code bench/run NAME} through a script in {@code bench/scripts}. */
package dev.reflex.bench;
