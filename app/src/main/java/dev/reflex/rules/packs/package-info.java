/**
 * Rules and trigger types in packs: the {@code rules/} and {@code triggers/} content types that
 * {@code reflex validate} and the server use. Files go through the strict loader, and every problem
 * of the rule parser is placed at its {@code file:line:col}.
 */
package dev.reflex.rules.packs;
