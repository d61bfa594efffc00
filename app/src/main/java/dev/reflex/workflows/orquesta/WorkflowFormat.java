package dev.reflex.workflows.orquesta;

import dev.reflex.config.DidYouMean;
import dev.reflex.config.Format;
import dev.reflex.config.Node;
import dev.reflex.config.ObjectReader;
import dev.reflex.config.Value;
import dev.reflex.template.TemplateEngine;
import dev.reflex.workflows.orquesta.WorkflowSpec.Named;
import dev.reflex.workflows.orquesta.WorkflowSpec.Task;
import dev.reflex.workflows.orquesta.WorkflowSpec.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Orquesta workflow files (version 1.0) for the strict loader: every problem is reported with
 * its place, all at once: unknown keys, a transition to a task that does not exist, a malformed
 * Jinja expression, and any YAQL expression ({@code <% %>}), which Reflex does not evaluate.
 */
public final class WorkflowFormat {

    /** The commands a transition's {@code do} may name besides tasks. */
    public static final Set<String> COMMANDS = Set.of("fail", "noop", "retry", "continue");
    private static final Pattern ITEMS = Pattern.compile("^\\s*([A-Za-z_]\\w*(?:\\s*,\\s*[A-Za-z_]\\w*)*)\\s+in\\s+(.+)$",
            Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("^[A-Za-z_][\\w-]*$");

    private WorkflowFormat() {
    }

    /** The format, checking expressions with {@code templates} (which must know the workflow functions). */
    public static Format<WorkflowSpec> of(TemplateEngine templates) {
        return Format.object(o -> read(o, templates));
    }

    private static WorkflowSpec read(ObjectReader o, TemplateEngine templates) {
        Value version = o.required("version");
        String v = version.text(null);
        if (v != null && !v.equals("1.0") && !v.equals("1")) {
            version.error("unsupported workflow version '" + v + "'; Reflex reads Orquesta version 1.0");
        }
        o.optional("description").string();
        List<Named> input = o.optional("input").list(item -> {
            if (item.node() instanceof Node.StringNode) {
                return new Named(item.string(), null);
            }
            return single(item, templates);
        });
        List<Named> vars = o.optional("vars").list(item -> single(item, templates));
        List<Named> output = o.optional("output").list(item -> single(item, templates));
        Value tasksValue = o.required("tasks");
        Map<String, Task> tasks = tasksValue.map(t -> t.object(r -> task(r, lastSegment(t.path()), templates)));
        if (tasksValue.isPresent() && tasks.isEmpty() && !tasksValue.problems().hasErrors()) {
            tasksValue.error("a workflow needs at least one task");
        }
        checkTargets(tasksValue, tasks);
        WorkflowSpec spec = new WorkflowSpec(input, vars, output, tasks);
        if (!tasks.isEmpty() && spec.startTasks().isEmpty()) {
            tasksValue.error("every task is the target of a transition, so the workflow has no task to start with");
        }
        return spec;
    }

    private static String lastSegment(String path) {
        String s = path.substring(path.lastIndexOf('/') + 1);
        return s.replace("~1", "/").replace("~0", "~");
    }

    private static Task task(ObjectReader r, String name, TemplateEngine templates) {
        if (!NAME.matcher(name).matches()) {
            r.error("task name '" + name + "' must be letters, digits, '_' or '-'");
        }
        if (COMMANDS.contains(name)) {
            r.error("'" + name + "' is a command and cannot name a task");
        }
        String action = r.optional("action").string();
        if (action != null) {
            checkExpressions(r.optional("action"), templates);
            if (action.trim().contains(" ")) {
                r.optional("action").error("inline parameters ('ref key=value') are not supported; give them in 'input'");
            }
        }
        Value inputValue = r.optional("input");
        checkExpressions(inputValue, templates);
        Map<String, Object> input = inputValue.plainMap();
        Integer join = null;
        Value j = r.optional("join");
        if (j.isPresent()) {
            if (j.node() instanceof Node.StringNode) {
                join = "all".equals(j.oneOf(null, "all")) ? 0 : null;
            } else {
                join = j.intValue(1, 1, 10_000);
            }
        }
        WorkflowSpec.Items items = r.optional("with").isPresent() ? items(r.optional("with"), templates) : null;
        WorkflowSpec.Retry retry = r.optional("retry").object(x -> {
            Value when = x.optional("when");
            checkExpressions(when, templates);
            Value count = x.required("count");
            checkExpressions(count, templates);
            Value delay = x.optional("delay");
            checkExpressions(delay, templates);
            return new WorkflowSpec.Retry(when.string(), scalar(count), scalar(delay));
        });
        Value delay = r.optional("delay");
        checkExpressions(delay, templates);
        List<Transition> next = r.optional("next").list(t -> t.object(x -> transition(x, templates)));
        return new Task(name, action, input, join, items, retry, scalar(delay), next);
    }

    private static Object scalar(Value v) {
        if (!v.isPresent()) {
            return null;
        }
        Object p = v.plain();
        if (p instanceof Map || p instanceof List) {
            v.error("expected a number or an expression");
            return null;
        }
        return p;
    }

    private static WorkflowSpec.Items items(Value w, TemplateEngine templates) {
        if (w.node() instanceof Node.StringNode) {
            checkExpressions(w, templates);
            return parseItems(w, w.string(), null);
        }
        return w.object(x -> {
            Value items = x.required("items");
            checkExpressions(items, templates);
            Value concurrency = x.optional("concurrency");
            checkExpressions(concurrency, templates);
            String text = items.string();
            return text == null ? null : parseItems(items, text, scalar(concurrency));
        });
    }

    private static WorkflowSpec.Items parseItems(Value at, String text, Object concurrency) {
        Matcher m = ITEMS.matcher(text);
        List<String> names = new ArrayList<>();
        String expression = text;
        if (m.matches() && !text.trim().startsWith("{{")) {
            for (String n : m.group(1).split(",")) {
                names.add(n.trim());
            }
            expression = m.group(2).trim();
        }
        if (!Expressions.isExpression(expression)) {
            at.error("'items' must be an expression such as '{{ ctx().hosts }}' or 'host in {{ ctx().hosts }}'");
        }
        return new WorkflowSpec.Items(names, expression, concurrency);
    }

    private static Transition transition(ObjectReader x, TemplateEngine templates) {
        Value when = x.optional("when");
        checkExpressions(when, templates);
        String w = when.string();
        if (w != null && !Expressions.isExpression(w) && !dev.reflex.template.Template.hasMarkup(w)) {
            when.error("'when' must be an expression such as '{{ succeeded() }}'");
        }
        Value publishValue = x.optional("publish");
        checkExpressions(publishValue, templates);
        List<Named> publish;
        if (publishValue.node() instanceof Node.MapNode) {
            publish = new ArrayList<>();
            publishValue.plainMap().forEach((k, val) -> publish.add(new Named(k, val)));
        } else {
            publish = publishValue.list(item -> single(item, null));
        }
        Value doValue = x.optional("do");
        List<String> targets = new ArrayList<>();
        if (doValue.node() instanceof Node.StringNode) {
            for (String t : doValue.string().split(",")) {
                if (!t.isBlank()) {
                    targets.add(t.trim());
                }
            }
        } else {
            targets.addAll(doValue.stringList());
        }
        return new Transition(w, publish, targets);
    }

    /** A one-key map {@code {name: value}}. */
    private static Named single(Value item, TemplateEngine templates) {
        if (templates != null) {
            checkExpressions(item, templates);
        }
        if (!(item.node() instanceof Node.MapNode m) || m.members().size() != 1) {
            item.error("expected a map with one key, such as '- name: value'");
            return null;
        }
        Map.Entry<String, Object> e = item.plainMap().entrySet().iterator().next();
        return new Named(e.getKey(), e.getValue());
    }

    private static void checkTargets(Value tasksValue, Map<String, Task> tasks) {
        if (!(tasksValue.node() instanceof Node.MapNode m)) {
            return;
        }
        m.members().forEach((name, member) -> {
            if (!(member.value() instanceof Node.MapNode taskNode) || !tasks.containsKey(name)) {
                return;
            }
            Node.Member next = taskNode.members().get("next");
            if (next == null || !(next.value() instanceof Node.ListNode list)) {
                return;
            }
            for (int i = 0; i < list.items().size() && i < tasks.get(name).next().size(); i++) {
                Node t = list.items().get(i);
                Node.Member d = t instanceof Node.MapNode tm ? tm.members().get("do") : null;
                if (d == null) {
                    continue;
                }
                for (String target : tasks.get(name).next().get(i).targets()) {
                    if (!tasks.containsKey(target) && !COMMANDS.contains(target)) {
                        List<String> choices = new ArrayList<>(tasks.keySet());
                        choices.addAll(COMMANDS);
                        Value.of(d.value(), tasksValue.path() + "/" + name + "/next/" + i + "/do", tasksValue.problems())
                                .error("unknown task '" + target + "'" + DidYouMean.hint(target, choices));
                    }
                }
            }
        });
        for (Task t : tasks.values()) {
            if (t.join() != null && t.join() > 0) {
                int inbound = new WorkflowSpec(List.of(), List.of(), List.of(), tasks).inbound(t.name()).size();
                if (t.join() > inbound) {
                    Value.of(((Node.MapNode) ((Node.MapNode) tasksValue.node()).members().get(t.name()).value())
                                    .members().get("join").value(), tasksValue.path() + "/" + t.name() + "/join",
                            tasksValue.problems())
                            .error("join: " + t.join() + " but only " + inbound + " task(s) lead to '" + t.name() + "'");
                }
            }
        }
    }

    /** Reports every YAQL expression and every malformed Jinja expression in a value, at its place. */
    static void checkExpressions(Value v, TemplateEngine templates) {
        if (v.isPresent()) {
            walk(v.node(), v.path(), v, templates);
        }
    }

    private static void walk(Node node, String path, Value root, TemplateEngine templates) {
        switch (node) {
            case Node.StringNode s -> {
                String text = s.value();
                if (text.contains("<%") && text.contains("%>")) {
                    Value.of(node, path, root.problems()).error(
                            "YAQL expressions (<% %>) are not supported; use Jinja: {{ ... }}");
                    return;
                }
                for (String p : templates.problems(text)) {
                    Value.of(node, path, root.problems()).error("bad expression: " + p);
                }
            }
            case Node.MapNode m -> m.members().forEach((k, member) -> walk(member.value(), path + "/" + k, root, templates));
            case Node.ListNode l -> {
                for (int i = 0; i < l.items().size(); i++) {
                    walk(l.items().get(i), path + "/" + i, root, templates);
                }
            }
            default -> {
            }
        }
    }
}
