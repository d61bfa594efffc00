package dev.reflex.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.InvalidArgumentException;
import com.hubspot.jinjava.interpret.InvalidInputException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.tree.Node;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parses template text once and renders the parsed tree many times, with the results
 * {@link Jinjava#renderForResult} would give for the same text.
 *
 * <p>{@code renderForResult} builds a new root context for every call, and a root context registers
 * Jinjava's whole built-in library (filters, functions, tags, tests) by reflection: that is most of
 * the cost of a small render. Here root contexts are built once, kept in a pool, and each render runs
 * a fresh interpreter over a fresh child of a root borrowed for the call. What a render pushes up to
 * the root (resolved expressions and values, kept for Jinjava's eager mode) is cleared before the
 * root goes back, so renders never share state.
 */
final class ParsedRenderer {

    /** Roots kept for reuse; more concurrent renders than this build a root each and drop it after. */
    private static final int MAX_POOLED_ROOTS = 32;

    private final Jinjava jinjava;
    private final JinjavaConfig config;
    private final ConcurrentLinkedQueue<Context> roots = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pooled = new AtomicInteger();

    ParsedRenderer(Jinjava jinjava) {
        this.jinjava = jinjava;
        this.config = jinjava.getGlobalConfig();
    }

    /** The tree of {@code text}, or null if parsing it reported any error (render the text then). */
    Node parse(String text) {
        Context root = borrow();
        try {
            JinjavaInterpreter interpreter = interpreter(root, null);
            Node tree = interpreter.parse(text);
            return interpreter.getErrorsCopy().isEmpty() ? tree : null;
        } catch (RuntimeException e) {
            return null;
        } finally {
            giveBack(root);
        }
    }

    /**
     * Renders a parsed tree; the result holds the output or the errors, as {@code renderForResult}'s.
     * Runtime exceptions outside Jinjava's own error handling propagate, as they do from it.
     */
    RenderResult render(Node tree, Map<String, ?> bindings) {
        Context root = borrow();
        try {
            JinjavaInterpreter interpreter = interpreter(root, bindings);
            JinjavaInterpreter.pushCurrent(interpreter);
            try {
                String output = interpreter.render(tree);
                if (!config.isKeepTrailingNewline() && output.endsWith("\n")) {
                    output = output.substring(0, output.length() - 1);
                }
                return new RenderResult(output, interpreter.getContext(), interpreter.getErrorsCopy());
            } catch (InterpretException e) {
                TemplateError error = e instanceof TemplateSyntaxException s
                        ? TemplateError.fromException(s) : TemplateError.fromSyntaxError(e);
                return new RenderResult(error, interpreter.getContext(), interpreter.getErrorsCopy());
            } catch (InvalidArgumentException e) {
                return new RenderResult(TemplateError.fromInvalidArgumentException(e), interpreter.getContext(),
                        interpreter.getErrorsCopy());
            } catch (InvalidInputException e) {
                return new RenderResult(TemplateError.fromInvalidInputException(e), interpreter.getContext(),
                        interpreter.getErrorsCopy());
            } catch (Exception e) {
                return new RenderResult(TemplateError.fromException(e), interpreter.getContext(),
                        interpreter.getErrorsCopy());
            } finally {
                JinjavaInterpreter.popCurrent();
            }
        } finally {
            giveBack(root);
        }
    }

    /**
     * Evaluates one expression with {@code bindings}; the problems Jinjava reports (an undefined
     * name, a failed call) are added to {@code errors}.
     */
    Object evaluate(String expression, Map<String, ?> bindings, java.util.List<String> errors) {
        Context root = borrow();
        try {
            JinjavaInterpreter interpreter = interpreter(root, bindings);
            JinjavaInterpreter.pushCurrent(interpreter);
            try {
                Object value = interpreter.resolveELExpression(expression, 1);
                for (TemplateError e : interpreter.getErrorsCopy()) {
                    String m = e.getMessage();
                    for (Throwable t = e.getException(); t != null; t = t.getCause()) {
                        if (t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
                            m = t.getMessage();
                            break;
                        }
                    }
                    if (m != null && m.startsWith("UnknownTokenException: Unknown token found: ")) {
                        m = "'" + m.substring("UnknownTokenException: Unknown token found: ".length()) + "' is undefined";
                    }
                    errors.add(m == null ? e.getReason().toString() : m);
                }
                return value;
            } finally {
                JinjavaInterpreter.popCurrent();
            }
        } finally {
            giveBack(root);
        }
    }

    private JinjavaInterpreter interpreter(Context root, Map<String, ?> bindings) {
        Context context = new Context(root, bindings, config.getDisabled());
        return config.getInterpreterFactory().newInstance(jinjava, context, config);
    }

    private Context borrow() {
        Context root = roots.poll();
        if (root == null) {
            return newRoot();
        }
        pooled.decrementAndGet();
        return root;
    }

    private void giveBack(Context root) {
        root.reset();
        if (pooled.incrementAndGet() <= MAX_POOLED_ROOTS) {
            roots.offer(root);
        } else {
            pooled.decrementAndGet();
        }
    }

    /** A copy of the engine's global context, as {@code renderForResult} makes for each call. */
    private Context newRoot() {
        Context global = jinjava.getGlobalContext();
        Context root = new Context(null, global);
        global.getAllExpTests().forEach(root::registerExpTest);
        global.getAllFilters().forEach(root::registerFilter);
        global.getAllFunctions().forEach(root::registerFunction);
        global.getAllTags().forEach(root::registerTag);
        root.setAutoEscape(global.isAutoEscape());
        root.setDynamicVariableResolver(global.getDynamicVariableResolver());
        return root;
    }
}
