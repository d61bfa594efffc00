package dev.reflex.workflows.orquesta;

import dev.reflex.template.TemplateFunction;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workflow functions of Orquesta's expressions, for the template engine: {@code ctx()},
 * {@code ctx(name)}, {@code result()}, {@code item()}, {@code item(name)}, {@code succeeded()},
 * {@code failed()}, {@code completed()}, {@code task(name)} and {@code st2kv('system.key')}. Each
 * reads the {@link Scope} the runner puts in the render context under {@link #SCOPE}.
 */
public final class OrquestaFunctions {

    /** The render-context variable holding the scope. */
    static final String SCOPE = "__orquesta_scope";

    private static final TemplateFunction CTX = (vars, args) -> {
        Scope s = scope(vars, "ctx");
        Map<String, Object> all = new LinkedHashMap<>(s.ctx());
        all.putIfAbsent("st2", s.st2());
        if (args.isEmpty()) {
            return all;
        }
        String name = String.valueOf(args.get(0));
        if (!all.containsKey(name)) {
            throw new IllegalArgumentException("the workflow context has no variable '" + name + "'");
        }
        return all.get(name);
    };
    private static final TemplateFunction RESULT = (vars, args) -> scope(vars, "result").result();
    private static final TemplateFunction ITEM = (vars, args) -> {
        Scope s = scope(vars, "item");
        if (s.itemNames() == null) {
            throw new IllegalArgumentException("item() is only defined in a task with 'with: items'");
        }
        if (args.isEmpty()) {
            return s.item();
        }
        String name = String.valueOf(args.get(0));
        // one variable (x in <list>): the item itself, even when it is a map with a key of that name
        if (s.itemNames().size() == 1 && s.itemNames().get(0).equals(name)) {
            return s.item();
        }
        if (s.item() instanceof Map<?, ?> m && m.containsKey(name)) {
            return m.get(name);
        }
        throw new IllegalArgumentException("the item has no variable '" + name + "'");
    };
    private static final TemplateFunction SUCCEEDED = (vars, args) -> "succeeded".equals(status(vars, "succeeded"));
    private static final TemplateFunction FAILED = (vars, args) -> {
        String st = status(vars, "failed");
        return st.equals("failed") || st.equals("timeout") || st.equals("abandoned");
    };
    private static final TemplateFunction COMPLETED = (vars, args) -> {
        status(vars, "completed");
        return true;
    };
    private static final TemplateFunction TASK = (vars, args) -> {
        Scope s = scope(vars, "task");
        if (args.isEmpty()) {
            throw new IllegalArgumentException("task() needs a task name");
        }
        String name = String.valueOf(args.get(0));
        return s.tasks().apply(name).orElseThrow(() ->
                new IllegalArgumentException("task '" + name + "' has not run"));
    };
    private static final TemplateFunction ST2KV = (vars, args) -> {
        Scope s = scope(vars, "st2kv");
        if (args.isEmpty()) {
            throw new IllegalArgumentException("st2kv() needs a key such as 'system.name'");
        }
        String key = String.valueOf(args.get(0));
        if (!key.startsWith("system.")) {
            throw new IllegalArgumentException("st2kv('" + key + "'): only the 'system.' scope is supported");
        }
        String name = key.substring("system.".length());
        return s.keyValues().apply(name).orElseThrow(() ->
                new IllegalArgumentException("the datastore has no key '" + key + "'"));
    };

    private OrquestaFunctions() {
    }

    /** The functions by name, to give to a {@link dev.reflex.template.TemplateEngine}. */
    public static Map<String, TemplateFunction> all() {
        Map<String, TemplateFunction> m = new LinkedHashMap<>();
        m.put("ctx", CTX);
        m.put("result", RESULT);
        m.put("item", ITEM);
        m.put("succeeded", SUCCEEDED);
        m.put("failed", FAILED);
        m.put("completed", COMPLETED);
        m.put("task", TASK);
        m.put("st2kv", ST2KV);
        return m;
    }

    private static Scope scope(java.util.function.Function<String, Object> vars, String function) {
        if (vars.apply(SCOPE) instanceof Scope s) {
            return s;
        }
        throw new IllegalArgumentException(function + "() is only defined in an orquesta workflow");
    }

    private static String status(java.util.function.Function<String, Object> vars, String function) {
        Scope s = scope(vars, function);
        if (s.status() == null) {
            throw new IllegalArgumentException(function + "() is only defined in a task's transitions");
        }
        return s.status();
    }
}
