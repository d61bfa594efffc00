package dev.reflex.rules.packs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.config.ConfigProblem;
import dev.reflex.config.LoadResult;
import dev.reflex.config.StrictLoader;
import dev.reflex.config.Value;
import dev.reflex.packs.Pack;
import dev.reflex.packs.PackContentType;
import dev.reflex.packs.PackFile;
import dev.reflex.rules.Parsed;
import dev.reflex.rules.Rule;
import dev.reflex.rules.RuleParser;
import dev.reflex.template.TemplateEngine;
import dev.reflex.triggers.TriggerTypeRegistry;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * The {@code rules/} content type: each YAML/JSON file holds one StackStorm rule. Every problem of
 * the rule (schema, operators, patterns, templates, trigger parameters) is reported at its
 * {@code file:line:col}. A rule's {@code pack} defaults to its pack's ref; another pack is an error,
 * as in StackStorm. A trigger type or an action that is not loaded is a warning: it may come from a
 * sensor or a pack that is installed elsewhere.
 */
public final class RuleFiles implements PackContentType<Rule> {

    private final TemplateEngine templates;
    private final Supplier<TriggerTypeRegistry> types;
    private final BiPredicate<Pack, String> actionKnown;

    /**
     * A content type.
     *
     * @param templates   the template engine that checks templates
     * @param types       the trigger types known at load time (built-in, packs, API)
     * @param actionKnown whether an action ref is loaded, seen from a pack
     */
    public RuleFiles(TemplateEngine templates, Supplier<TriggerTypeRegistry> types, BiPredicate<Pack, String> actionKnown) {
        this.templates = templates;
        this.types = types;
        this.actionKnown = actionKnown;
    }

    @Override
    public String folder() {
        return "rules";
    }

    @Override
    public LoadResult<Rule> load(Pack pack, PackFile file) {
        return StrictLoader.load(file.path(), file.label(), root -> read(root, pack, file));
    }

    private Rule read(Value root, Pack pack, PackFile file) {
        if (!root.isPresent()) {
            root.error("the file is empty; expected a rule");
            return null;
        }
        TriggerTypeRegistry registry = types.get();
        JsonNode doc = root.json();
        Parsed<Rule> parsed = new RuleParser(templates, registry).parse(doc, file.label());
        for (ConfigProblem p : parsed.problems()) {
            root.problems().error(Locations.locate(root.node(), root.location(), p.path()), p.path(), p.message());
        }
        if (!parsed.ok()) {
            return null;
        }
        Rule r = parsed.value();
        String pack0 = doc.hasNonNull("pack") ? r.pack() : pack.ref();
        if (!pack0.equals(pack.ref())) {
            root.problems().error(Locations.locate(root.node(), root.location(), "/pack"), "/pack",
                    "the rule is in pack '" + pack.ref() + "' but its 'pack' field says '" + r.pack() + "'");
            return null;
        }
        if (registry.find(r.trigger().type()).isEmpty()) {
            root.problems().warning(Locations.locate(root.node(), root.location(), "/trigger/type"), "/trigger/type",
                    "trigger type '" + r.trigger().type() + "' is not loaded (a sensor's, or a pack's not installed here); "
                            + "the rule waits for it");
        }
        if (!actionKnown.test(pack, r.action().ref())) {
            root.problems().warning(Locations.locate(root.node(), root.location(), "/action/ref"), "/action/ref",
                    "action '" + r.action().ref() + "' is not loaded; its enforcements will fail until it is");
        }
        return new Rule(r.id(), r.name(), pack0, r.description(), r.enabled(), r.type(), r.trigger(), r.criteria(),
                r.action(), r.context(), r.tags(), "rules/" + file.name());
    }
}
