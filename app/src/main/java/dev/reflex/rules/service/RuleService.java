package dev.reflex.rules.service;

import dev.reflex.app.Service;
import dev.reflex.config.LoadResult;
import dev.reflex.config.Loaded;
import dev.reflex.packs.PackContent;
import dev.reflex.packs.PackSet;
import dev.reflex.rules.Rule;
import dev.reflex.rules.RuleEngine;
import dev.reflex.rules.packs.PackActions;
import dev.reflex.rules.packs.RuleFiles;
import dev.reflex.rules.packs.TriggerTypeFiles;
import dev.reflex.rules.store.RuleRepository;
import dev.reflex.rules.store.StoredRule;
import dev.reflex.template.TemplateEngine;
import dev.reflex.triggers.Trigger;
import dev.reflex.triggers.TriggerType;
import dev.reflex.triggers.TriggerTypeRegistry;
import dev.reflex.triggers.store.Ids;
import dev.reflex.triggers.store.TriggerTypeRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules in force: stored rules and pack rules, kept in step with the engine's index and the
 * trigger types. At start it registers pack and API trigger types, loads the pack rules (a broken
 * file is reported and the others load), stores them, and builds the index from every stored rule.
 * Each change through {@link #create}, {@link #update} or {@link #delete} is durable, then swapped
 * into the engine atomically, then announced to the {@link RuleSetListener}s.
 */
public final class RuleService implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(RuleService.class);

    private final RuleRepository rules;
    private final TriggerTypeRepository typeStore;
    private final TriggerTypeRegistry types;
    private final RuleEngine engine;
    private final TemplateEngine templates;
    private final PackSet packs;
    private final Clock clock;
    private final List<RuleSetListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, Trigger> triggers = Map.of();
    private final Object lock = new Object();
    private boolean started;

    /**
     * A service.
     *
     * @param rules     where rules are stored
     * @param typeStore where API trigger types and used triggers are stored
     * @param types     the registry of trigger types (built-ins already in it)
     * @param engine    the engine whose index follows the rules
     * @param templates the template engine
     * @param packs     the packs whose rules and trigger types load at start
     * @param clock     gives update times and ids
     */
    public RuleService(RuleRepository rules, TriggerTypeRepository typeStore, TriggerTypeRegistry types, RuleEngine engine,
                       TemplateEngine templates, PackSet packs, Clock clock) {
        this.rules = rules;
        this.typeStore = typeStore;
        this.types = types;
        this.engine = engine;
        this.templates = templates;
        this.packs = packs;
        this.clock = clock;
    }

    /** Adds a listener, told of the rule set now and after every change. */
    public void addListener(RuleSetListener listener) {
        synchronized (lock) {
            listeners.add(listener);
            if (started) {
                listener.rulesChanged(engine.rules());
            }
        }
    }

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public void start() {
        typeStore.list().forEach(types::register);
        LoadResult<TriggerType> packTypes = PackContent.load(packs.packs(), new TriggerTypeFiles());
        report(packTypes);
        packTypes.values().forEach(types::register);
        Set<String> actions = PackActions.refs(packs.packs());
        LoadResult<Rule> packRules = PackContent.load(packs.packs(), new RuleFiles(templates, () -> types,
                (pack, action) -> actions.contains(action)));
        report(packRules);
        Map<String, StoredRule> stored = new LinkedHashMap<>();
        rules.list().forEach(s -> stored.put(s.rule().ref(), s));
        for (Loaded<Rule> loaded : packRules.ok()) {
            Rule r = loaded.value();
            StoredRule before = stored.get(r.ref());
            String id = before != null ? before.rule().id() : Ids.next(clock);
            StoredRule now = new StoredRule(r.withId(id), StoredRule.PACK, loaded.file(), clock.instant());
            rules.put(now);
            stored.put(r.ref(), now);
        }
        synchronized (lock) {
            List<Rule> all = new ArrayList<>();
            for (StoredRule s : stored.values()) {
                try {
                    engine.put(s.rule());
                    all.add(s.rule());
                } catch (RuleEngine.InvalidRuleException e) {
                    LOG.error("rule {} ({}) is not loaded: {}", s.rule().ref(), s.source(), e.getMessage());
                }
            }
            started = true;
            changed();
        }
        LOG.info("{} rule(s) loaded ({} enabled), {} from packs", engine.rules().size(),
                engine.rules().stream().filter(Rule::enabled).count(), packRules.ok().size());
    }

    @Override
    public void stop() {
        // nothing to release: the store and the engine belong to others
    }

    private static void report(LoadResult<?> result) {
        result.warnings().forEach(w -> LOG.warn("pack: {}", w));
        result.problems().forEach(p -> LOG.error("pack: {}", p));
    }

    /** Every rule in force, enabled or not, in order. */
    public List<Rule> list() {
        return engine.rules();
    }

    /** One rule by ref, or by id. */
    public Optional<Rule> get(String refOrId) {
        return engine.rules().stream().filter(r -> r.ref().equals(refOrId) || refOrId.equals(r.id())).findFirst();
    }

    /** Where a rule came from. */
    public Optional<StoredRule> stored(String ref) {
        return rules.get(ref);
    }

    /**
     * Stores a new rule and puts it in force.
     *
     * @throws RuleConflictException when a rule with its ref exists
     */
    public Rule create(Rule rule) {
        synchronized (lock) {
            if (get(rule.ref()).isPresent()) {
                throw new RuleConflictException("a rule with ref " + rule.ref() + " already exists");
            }
            Rule withId = rule.withId(Ids.next(clock));
            return save(withId, StoredRule.API, null);
        }
    }

    /**
     * Replaces a rule (by the ref or id it had) with a new definition, keeping its id.
     *
     * @return the rule now in force, or empty when there was no such rule
     * @throws RuleConflictException when the new definition takes the ref of another rule
     */
    public Optional<Rule> update(String refOrId, Rule rule) {
        synchronized (lock) {
            Optional<Rule> before = get(refOrId);
            if (before.isEmpty()) {
                return Optional.empty();
            }
            Rule old = before.get();
            if (!old.ref().equals(rule.ref())) {
                if (get(rule.ref()).isPresent()) {
                    throw new RuleConflictException("a rule with ref " + rule.ref() + " already exists");
                }
                rules.delete(old.ref());
                engine.remove(old.ref());
            }
            String file = rules.get(old.ref()).map(StoredRule::sourceFile).orElse(null);
            return Optional.of(save(rule.withId(old.id()), file == null ? StoredRule.API : StoredRule.PACK, file));
        }
    }

    /** Deletes a rule by ref or id; returns the deleted rule. */
    public Optional<Rule> delete(String refOrId) {
        synchronized (lock) {
            Optional<Rule> before = get(refOrId);
            before.ifPresent(r -> {
                rules.delete(r.ref());
                engine.remove(r.ref());
                changed();
            });
            return before;
        }
    }

    private Rule save(Rule rule, String source, String file) {
        rules.put(new StoredRule(rule, source, file, clock.instant()));
        engine.put(rule);
        changed();
        return rule;
    }

    /** The trigger a rule listens to, as recorded. */
    public static Trigger triggerOf(Rule r) {
        return Trigger.of(r.trigger().type(), r.trigger().parameters());
    }

    /** The parameterised trigger with this ref that some rule uses. */
    public Optional<Trigger> trigger(String ref) {
        return Optional.ofNullable(triggers.get(ref));
    }

    private void changed() {
        List<Rule> all = engine.rules();
        Map<String, Trigger> byRef = new LinkedHashMap<>();
        for (Rule r : all) {
            Trigger t = triggerOf(r);
            byRef.putIfAbsent(t.ref(), t);
        }
        triggers = Map.copyOf(byRef);
        Set<String> seen = new HashSet<>();
        List<Trigger> used = byRef.values().stream().filter(t -> seen.add(t.ref())).toList();
        try {
            typeStore.putTriggers(used);
        } catch (RuntimeException e) {
            LOG.warn("recording the triggers rules use failed: {}", e.toString());
        }
        for (RuleSetListener l : listeners) {
            try {
                l.rulesChanged(all);
            } catch (RuntimeException e) {
                LOG.error("a rule-set listener failed", e);
            }
        }
    }

    /** A rule with the same ref exists already. */
    public static final class RuleConflictException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RuleConflictException(String message) {
            super(message);
        }
    }
}
