package dev.reflex.rules.service;

import dev.reflex.rules.Rule;
import java.util.List;

/** Told of the whole rule set after every change (webhooks and timers follow the enabled rules' triggers). */
@FunctionalInterface
public interface RuleSetListener {

    /** The rules now in force, enabled or not, in order. Called with changes serialised. */
    void rulesChanged(List<Rule> rules);
}
