package dev.reflex.rules;

import dev.reflex.config.ConfigProblem;
import dev.reflex.rules.CompiledCriterion.Literal;
import dev.reflex.rules.CompiledCriterion.PatternSource;
import dev.reflex.rules.CompiledCriterion.Rendered;
import dev.reflex.template.JsonPath;
import dev.reflex.template.PyRegex;
import dev.reflex.template.Template;
import dev.reflex.template.TemplateEngine;
import dev.reflex.template.TemplateException;
import dev.reflex.triggers.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns a {@link Rule} into a {@link CompiledRule}, reporting every key, pattern, regular
 * expression and template that cannot work, each with its JSON-pointer path in the rule document.
 */
final class RuleCompiler {

    /** StackStorm's {@code MATCH_CRITERIA}: the expression a pattern template gets {@code | to_complex} added to. */
    private static final Pattern MATCH_CRITERIA = PyRegex.compile("({{)\\s*(.*)\\s*(}})", 0).pattern();
    private static final Set<String> CONDITIONS = Set.of("any", "all", "any2any", "all2any");

    private final TemplateEngine templates;

    RuleCompiler(TemplateEngine templates) {
        this.templates = templates;
    }

    /** The compiled rule, or every problem found. */
    Parsed<CompiledRule> compile(Rule rule, String source) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<CompiledCriterion> criteria = new ArrayList<>();
        for (Map.Entry<String, Rule.Criterion> e : rule.criteria().entrySet()) {
            CompiledCriterion c = criterion(e.getKey(), e.getValue(), "/criteria/" + pointer(e.getKey()), true, source, problems);
            if (c != null) {
                criteria.add(c);
            }
        }
        checkTemplates(rule.action().parameters(), "/action/parameters", source, problems);
        String triggerRef = Trigger.of(rule.trigger().type(), rule.trigger().parameters()).ref();
        return new Parsed<>(new CompiledRule(rule, triggerRef, List.copyOf(criteria)), problems);
    }

    private CompiledCriterion criterion(String key, Rule.Criterion c, String at, boolean topLevel, String source,
                                        List<ConfigProblem> problems) {
        int before = problems.size();
        Operator op = Operator.byName(c.type()).orElse(null);
        if (op == null) {
            problems.add(problem(source, at + "/type", "For field: " + key + ", operator " + c.type()
                    + " not in list of allowed operators: " + Operator.all().keySet()));
        }
        if (topLevel && c.pattern() == null) {
            problems.add(problem(source, at + "/pattern", "For field: " + key + ", no pattern specified for operator " + c.type()));
        }
        JsonPath path = null;
        String pathText = key.split("#", 2)[0];
        try {
            path = JsonPath.parse(pathText);
        } catch (IllegalArgumentException ex) {
            problems.add(problem(source, at, "Failed transforming criteria key " + key + ": " + ex.getMessage()));
        }
        List<CompiledCriterion> children = List.of();
        PatternSource pattern = null;
        if (op instanceof Operator.Search) {
            if (c.condition() == null || !CONDITIONS.contains(c.condition())) {
                problems.add(problem(source, at + "/condition", "The '" + (c.condition() == null ? "None" : c.condition())
                        + "' condition is not recognized for type search, 'any', 'all', 'any2any' and 'all2any' are allowed"));
            }
            if (c.pattern() instanceof Map<?, ?> map) {
                children = new ArrayList<>();
                for (Map.Entry<?, ?> child : map.entrySet()) {
                    String childKey = String.valueOf(child.getKey());
                    String childAt = at + "/pattern/" + pointer(childKey);
                    Rule.Criterion childCriterion = RuleParser.criterionOf(child.getValue());
                    if (childCriterion == null) {
                        problems.add(problem(source, childAt, "a search criterion needs an object with 'type' and 'pattern'"));
                        continue;
                    }
                    CompiledCriterion cc = criterion(childKey, childCriterion, childAt, false, source, problems);
                    if (cc != null) {
                        children.add(cc);
                    }
                }
                children = List.copyOf(children);
            } else if (c.pattern() != null) {
                problems.add(problem(source, at + "/pattern", "the pattern of a search must be an object of child criteria"));
            }
            pattern = new Literal(c.pattern(), null, null);
        } else if (op != null) {
            pattern = pattern(c.pattern(), op, at + "/pattern", source, problems);
        }
        boolean childrenSafe = children.stream().allMatch(CompiledCriterion::safe);
        return problems.size() > before ? null
                : new CompiledCriterion(key, path, c.type(), op, pattern, c.condition(), children, childrenSafe);
    }

    private PatternSource pattern(Object value, Operator op, String at, String source, List<ConfigProblem> problems) {
        if (value instanceof String text && Template.hasMarkup(text)) {
            try {
                Template template = templates.compile(text);
                Template complex = null;
                if (MATCH_CRITERIA.matcher(text).find()) {
                    complex = templates.compile(MATCH_CRITERIA.matcher(text).replaceAll("$1$2 | to_complex$3"));
                }
                return new Rendered(template, complex);
            } catch (TemplateException e) {
                problems.add(problem(source, at, "Failed to render pattern value \"" + text + "\": " + String.join("; ", e.problems())));
                return null;
            }
        }
        Object literal = value instanceof String s && s.endsWith("\n") ? s.substring(0, s.length() - 1) : value;
        PyRegex regex = null;
        Pattern wildcard = null;
        if (literal instanceof String s) {
            try {
                if (op instanceof Operator.Regex r) {
                    regex = PyRegex.compile(s, (r.ignoreCase() ? PyRegex.IGNORECASE : 0) | (r.dotAll() ? PyRegex.DOTALL : 0));
                } else if (op instanceof Operator.Wildcard) {
                    wildcard = Fnmatch.compile(s);
                }
            } catch (PatternSyntaxException e) {
                problems.add(problem(source, at, "invalid regular expression " + dev.reflex.template.PyRepr.repr(s) + ": "
                        + e.getDescription()));
                return null;
            }
        }
        return new Literal(literal, regex, wildcard);
    }

    private void checkTemplates(Object value, String at, String source, List<ConfigProblem> problems) {
        switch (value) {
            case String s when Template.hasMarkup(s) -> {
                for (String p : templates.problems(s)) {
                    problems.add(problem(source, at, "invalid template: " + p));
                }
            }
            case Map<?, ?> map -> map.forEach((k, v) -> {
                checkTemplates(String.valueOf(k), at + "/" + pointer(String.valueOf(k)), source, problems);
                checkTemplates(v, at + "/" + pointer(String.valueOf(k)), source, problems);
            });
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    checkTemplates(list.get(i), at + "/" + i, source, problems);
                }
            }
            case null, default -> {
            }
        }
    }

    static ConfigProblem problem(String source, String path, String message) {
        return new ConfigProblem(source, 0, 0, path, message);
    }

    static String pointer(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
