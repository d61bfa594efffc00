package dev.reflex.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.tree.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders Jinja templates the way StackStorm does, on Jinjava, in strict mode.
 *
 * <p>An undefined variable is an error (StackStorm's {@code StrictUndefined}); {@code | default(…)}
 * and {@code is defined} still work. Values print as Python prints them ({@code True},
 * {@code None}, {@code {'k': 'v'}}). Blocks trim their newline and leading space
 * ({@code trim_blocks}, {@code lstrip_blocks}). Rendered text is never rendered again. All
 * StackStorm custom filters are available ({@link StackStormFilters}).
 *
 * <p>One engine is meant to be shared: it is thread-safe and costly to create (about a second the
 * first time in a JVM). Templates are parsed once: a compiled {@link Template} keeps its tree, and
 * template text passed to {@link #render(String, Map)} is parsed on first use and remembered.
 */
public final class TemplateEngine {

    private static final long MAX_OUTPUT = 16L * 1024 * 1024;
    private static final Pattern FILTER_USE = Pattern.compile("\\|\\s*([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern TEST_USE = Pattern.compile("\\bis\\s+(?:not\\s+)?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern CODE = Pattern.compile("\\{\\{(.*?)}}|\\{%(.*?)%}", Pattern.DOTALL);
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
    /** How many distinct template texts {@link #render(String, Map)} remembers before it starts over. */
    private static final int MAX_REMEMBERED_TEXTS = 4096;
    /** What the syntax checker calls in place of every registered function. */
    private static final TemplateFunction INERT_FUNCTION = (variables, args) -> null;

    private final Jinjava strict;
    private final Jinjava checker;
    private final Set<String> filterNames;
    private final ParsedRenderer parsed;
    private final Map<String, Template> texts = new ConcurrentHashMap<>();

    /** An engine with the StackStorm filters. */
    public TemplateEngine() {
        this(Map.of());
    }

    /**
     * An engine with the StackStorm filters plus {@code extraFilters} (which win on a name clash),
     * such as the {@code shell_quote} filter of the actions runners.
     */
    public TemplateEngine(Map<String, TemplateFilter> extraFilters) {
        this(extraFilters, Map.of());
    }

    /**
     * An engine with the StackStorm filters plus {@code extraFilters}, and the global functions
     * {@code functions} by name (such as the workflow functions {@code ctx()} and {@code result()}).
     */
    public TemplateEngine(Map<String, TemplateFilter> extraFilters, Map<String, TemplateFunction> functions) {
        Map<String, TemplateFilter> filters = new LinkedHashMap<>(StackStormFilters.all());
        filters.putAll(extraFilters);
        this.strict = create(true, filters, functions);
        Map<String, TemplateFilter> inert = new LinkedHashMap<>();
        filters.keySet().forEach(name -> inert.put(name, (value, args, kwargs) -> value));
        Map<String, TemplateFunction> inertFunctions = new LinkedHashMap<>();
        functions.keySet().forEach(name -> inertFunctions.put(name, INERT_FUNCTION));
        this.checker = create(false, inert, inertFunctions);
        Set<String> names = new LinkedHashSet<>();
        strict.getGlobalContext().getAllFilters().forEach(f -> names.add(f.getName()));
        this.filterNames = Set.copyOf(names);
        this.parsed = new ParsedRenderer(strict);
    }

    private static Jinjava create(boolean strictMode, Map<String, TemplateFilter> filters,
                                  Map<String, TemplateFunction> functions) {
        LegacyOverrides overrides = LegacyOverrides.newBuilder()
                .withIterateOverMapKeys(true)
                .withUseNaturalOperatorPrecedence(true)
                .withParseWhitespaceControlStrictly(true)
                .withKeepNullableLoopValues(true)
                .build();
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(strictMode)
                .withValidationMode(!strictMode)
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withNestedInterpretationEnabled(false)
                .withMaxOutputSize(MAX_OUTPUT)
                .withLegacyOverrides(overrides)
                .withExecutionMode(new JinjavaAdapters.PythonExecutionMode())
                .build();
        Jinjava jinjava = new Jinjava(config);
        Context global = jinjava.getGlobalContext();
        filters.forEach((name, f) -> global.registerFilter(new JinjavaAdapters.FilterAdapter(name, f)));
        if (strictMode) {
            // Jinja's StrictUndefined raises when an undefined value reaches a filter (except default).
            for (Filter f : List.copyOf(global.getAllFilters())) {
                if (!f.getName().equals("default") && !f.getName().equals("d")) {
                    global.registerFilter(new JinjavaAdapters.StrictFilter(f));
                }
            }
        }
        functions.forEach((name, f) -> global.registerFunction(new ELFunctionDefinition("", name,
                FunctionSlots.slotFor(f))));
        global.registerExpTest(new JinjavaAdapters.NoneTest());
        global.put("None", PyNone.NONE);
        global.put("none", PyNone.NONE);
        return jinjava;
    }

    /**
     * Checks a template's syntax and the filters it names, once, so that it can be rendered later.
     *
     * @throws TemplateException listing every problem found
     */
    public Template compile(String source) {
        List<String> problems = problems(source);
        if (!problems.isEmpty()) {
            throw new TemplateException(source, problems);
        }
        return parse(source);
    }

    /** The template of {@code source} with its parsed tree (none for a literal, or if parsing reported errors). */
    private Template parse(String source) {
        boolean literal = !Template.hasMarkup(source);
        return new Template(source, literal, literal ? null : parsed.parse(withoutTrailingNewline(source)));
    }

    /** Every syntax problem of a template (unclosed tags, bad expressions, unknown filters), or none. */
    public List<String> problems(String source) {
        if (!Template.hasMarkup(source)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        RenderResult result;
        try {
            result = checker.renderForResult(source, Map.of());
        } catch (RuntimeException e) {
            return List.of(String.valueOf(e.getMessage()));
        }
        for (TemplateError e : result.getErrors()) {
            boolean syntax = e.getReason() == TemplateError.ErrorReason.SYNTAX_ERROR
                    && (e.getException() == null || e.getException() instanceof TemplateSyntaxException);
            if (syntax && !problems.contains(describe(e))) {
                problems.add(describe(e));
            }
        }
        Matcher code = CODE.matcher(source);
        while (code.find()) {
            String expr = STRING_LITERAL.matcher(code.group(1) != null ? code.group(1) : code.group(2)).replaceAll("''");
            Matcher f = FILTER_USE.matcher(expr);
            while (f.find()) {
                if (!filterNames.contains(f.group(1))) {
                    problems.add("No filter named '" + f.group(1) + "'");
                }
            }
            Matcher t = TEST_USE.matcher(expr);
            while (t.find()) {
                if (checker.getGlobalContext().getExpTest(t.group(1)) == null) {
                    problems.add("No test named '" + t.group(1) + "'");
                }
            }
        }
        return problems;
    }

    /**
     * Renders a compiled template with {@code context} (plain data, see {@link TemplateValues#view(Object)}).
     *
     * @throws TemplateException when rendering fails: an undefined variable, a filter error
     */
    public String render(Template template, Map<String, ?> context) {
        if (template.literal()) {
            return withoutTrailingNewline(template.source());
        }
        return render(template, context, true);
    }

    /**
     * Renders template text with {@code context}. The text is parsed on first use and remembered.
     *
     * @throws TemplateException when rendering fails
     */
    public String render(String source, Map<String, ?> context) {
        Template template = texts.get(source);
        if (template == null) {
            if (texts.size() >= MAX_REMEMBERED_TEXTS) {
                texts.clear();
            }
            template = parse(source);
            texts.put(source, template);
        }
        return render(template, context, true);
    }

    /** Renders without the shortcut for a lone variable; for tests comparing the two. */
    String renderTheLongWay(Template template, Map<String, ?> context) {
        return template.literal() ? withoutTrailingNewline(template.source()) : render(template, context, false);
    }

    private String render(Template template, Map<String, ?> context, boolean shortcut) {
        if (shortcut && template.variablePath() != null) {
            String value = LoneVariable.render(template.variablePath(), context, MAX_OUTPUT);
            if (value != null) {
                return value;
            }
        }
        String source = template.source();
        Node tree = template.parsed();
        RenderResult result;
        try {
            if (tree == null || JinjavaInterpreter.getCurrent() != null) {
                // Unparsed (its parse reported errors) or called from inside a render: Jinjava's own way.
                // Jinja drops the newline that ends a template before anything else (keep_trailing_newline=False).
                result = strict.renderForResult(withoutTrailingNewline(source), context);
            } else {
                result = parsed.render(tree, context);
            }
        } catch (RuntimeException e) {
            throw new TemplateException(source, List.of(String.valueOf(e.getMessage())));
        }
        if (!result.getErrors().isEmpty()) {
            List<String> problems = new ArrayList<>();
            for (TemplateError e : result.getErrors()) {
                if (!problems.contains(describe(e))) {
                    problems.add(describe(e));
                }
            }
            throw new TemplateException(source, problems);
        }
        return result.getOutput();
    }

    /**
     * Evaluates one Jinja expression (the text between {@code {{ }}}) and returns its value as plain
     * data rather than as text: a map stays a map, a number a number, {@code None} becomes null.
     *
     * @throws TemplateException when the expression is malformed or its evaluation fails
     */
    public Object evaluate(String expression, Map<String, ?> context) {
        String source = "{{ " + expression + " }}";
        List<String> errors = new ArrayList<>();
        Object value;
        try {
            value = parsed.evaluate(expression, context, errors);
        } catch (RuntimeException e) {
            throw new TemplateException(source, List.of(String.valueOf(e.getMessage())));
        }
        if (!errors.isEmpty()) {
            throw new TemplateException(source, errors);
        }
        return TemplateValues.plain(value);
    }

    /**
     * Renders template text that becomes a shell command (the {@code cmd} of a shell runner): the
     * output of every {@code {{ … }}} is escaped for its place in the command (quoted outside
     * quotes, backslash-escaped inside double quotes, {@code '\''}-escaped inside single quotes),
     * so that a rendered value is always one piece of data and never more shell syntax. A value
     * piped through {@code | safe} is inserted as it is. This is where Reflex differs from
     * StackStorm, which inserts values verbatim.
     *
     * @throws TemplateException when rendering fails
     */
    public String renderShellCommand(String source, Map<String, ?> context) {
        if (!Template.hasMarkup(source)) {
            return render(source, context);
        }
        String previous = JinjavaAdapters.SHELL_COMMAND.get();
        JinjavaAdapters.SHELL_COMMAND.set(withoutTrailingNewline(source));
        try {
            return render(source, context);
        } finally {
            if (previous == null) {
                JinjavaAdapters.SHELL_COMMAND.remove();
            } else {
                JinjavaAdapters.SHELL_COMMAND.set(previous);
            }
        }
    }

    /** The names of every filter this engine knows, built-in and StackStorm. */
    public Set<String> filterNames() {
        return filterNames;
    }

    private static String withoutTrailingNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    private static String describe(TemplateError e) {
        String message = e.getMessage();
        for (Throwable t = e.getException(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof IllegalStateException
                    || t instanceof java.util.regex.PatternSyntaxException) {
                message = t.getMessage();
                break;
            }
        }
        if (message != null && message.startsWith("UnknownTokenException: Unknown token found: ")) {
            message = "'" + message.substring("UnknownTokenException: Unknown token found: ".length()) + "' is undefined";
        }
        return message == null ? e.getReason().toString() : message;
    }
}
