/**
 * The rules at run time: {@link dev.reflex.rules.service.RuleService} keeps the stored rules, the
 * engine's index and the trigger types in step (pack rules loaded at start, API changes swapped in
 * atomically, listeners such as webhooks and timers told of every change);
 * {@link dev.reflex.rules.service.RulesDispatcher} takes each durable trigger instance from the
 * bus, matches and enforces it, and records the enforcements and the instance's final status.
 */
package dev.reflex.rules.service;
