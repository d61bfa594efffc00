/**
 * Persistence of rules and rule enforcements in the state store, and the StackStorm-shaped JSON
 * document of a rule ({@link dev.reflex.rules.store.RuleDocuments}) used by the store, the API and
 * enforcement snapshots.
 */
package dev.reflex.rules.store;
