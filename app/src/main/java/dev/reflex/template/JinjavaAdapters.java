package dev.reflex.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.expression.ExpressionStrategy;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.mode.ExecutionMode;
import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import java.util.Arrays;
import java.util.Map;

/** The glue between Reflex's template semantics and Jinjava's extension points. */
final class JinjavaAdapters {

    private JinjavaAdapters() {
    }

    /**
     * The template being rendered as a shell command on this thread, or null; set by
     * {@link TemplateEngine#renderShellCommand} for the duration of one render.
     */
    static final ThreadLocal<String> SHELL_COMMAND = new ThreadLocal<>();

    /**
     * Prints {@code {{ expression }}} results as Python's {@code str()} does; while a shell command
     * is rendered, escapes each result that is not marked safe for its place in the command.
     */
    static final class PythonOutput implements ExpressionStrategy {
        private static final long serialVersionUID = 1L;

        @Override
        public RenderedOutputNode interpretOutput(ExpressionToken token, JinjavaInterpreter interpreter) {
            Object value = interpreter.resolveELExpression(token.getExpr(), token.getLineNumber());
            String command = SHELL_COMMAND.get();
            if (value instanceof SafeString safe) {
                return new RenderedOutputNode(safe.getValue());
            }
            String text = PyRepr.str(value);
            if (command != null) {
                text = ShellOutput.escape(text,
                        ShellOutput.quotingAt(command, token.getLineNumber(), token.getStartPosition()));
            }
            return new RenderedOutputNode(text);
        }
    }

    /** The default execution mode, with {@link PythonOutput} for every expression. */
    static final class PythonExecutionMode implements ExecutionMode {
        @Override
        public void prepareContext(Context context) {
            context.setExpressionStrategy(new PythonOutput());
        }
    }

    /** A {@link TemplateFilter} as a Jinjava filter. */
    record FilterAdapter(String name, TemplateFilter filter) implements Filter {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return filter.apply(var, Arrays.asList((Object[]) args), Map.of());
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            return filter.apply(var, Arrays.asList(args), kwargs);
        }
    }

    /** A filter that refuses an undefined (Java null) input, as filters do under Jinja's StrictUndefined. */
    record StrictFilter(Filter delegate) implements Filter {

        @Override
        public String getName() {
            return delegate.getName();
        }

        private void check(Object var) {
            if (var == null) {
                throw new IllegalArgumentException("an undefined value was passed to filter '" + getName() + "'");
            }
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            check(var);
            return delegate.filter(var, interpreter, args);
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            check(var);
            return delegate.filter(var, interpreter, args, kwargs);
        }

        @Override
        public boolean preserveSafeString() {
            return delegate.preserveSafeString();
        }
    }

    /** {@code x is none}, true for {@link PyNone} as well as null. */
    static final class NoneTest implements ExpTest {
        @Override
        public String getName() {
            return "none";
        }

        @Override
        public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
            return var == null || var instanceof PyNone;
        }
    }
}
