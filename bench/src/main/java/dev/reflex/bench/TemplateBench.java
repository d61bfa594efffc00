package dev.reflex.bench;

import dev.reflex.template.Template;
import dev.reflex.template.TemplateEngine;
import dev.reflex.template.TemplateValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Jinja renders per second through {@link TemplateEngine}, one thread: what the rules dispatcher
 * does for every action parameter of every enforcement (template text, {@code render(String, …)}),
 * and for criteria patterns (compiled templates). The context is a webhook trigger instance as the
 * rules see it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TemplateBench {

    private TemplateEngine engine;
    private Map<String, Object> context;
    private Template variable;
    private Template filtersAndIf;
    private Template literal;

    /** One engine, three compiled templates and a trigger-instance context. */
    @Setup(Level.Trial)
    public void setUp() {
        engine = new TemplateEngine();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", "svc-17");
        body.put("severity", 3L);
        body.put("host", "web-042.example.com");
        body.put("message", "disk usage 93% on /var");
        body.put("tags", List.of("prod", "eu-west-1"));
        Map<String, Object> trigger = Map.of("body", body, "headers", Map.of("Content-Type", "application/json"));
        context = Map.of("trigger", TemplateValues.view(trigger));
        variable = engine.compile("{{trigger.body.host}}");
        filtersAndIf = engine.compile("{{ trigger.body.service | upper }}:{% if trigger.body.severity > 1 %}high{% else %}low{% endif %}"
                + " {{ trigger.body.tags | join(',') }}");
        literal = engine.compile("restart the service");
        String expected = "SVC-17:high prod,eu-west-1";
        if (!engine.render(filtersAndIf, context).equals(expected) || !renderText().equals("web-042.example.com")) {
            throw new IllegalStateException("unexpected output: " + engine.render(filtersAndIf, context));
        }
    }

    /** An action parameter as the dispatcher renders it: template text with one variable. */
    @Benchmark
    public String renderText() {
        return engine.render("{{trigger.body.host}}", context);
    }

    /** A compiled template with one variable (a criteria pattern). */
    @Benchmark
    public String renderVariable() {
        return engine.render(variable, context);
    }

    /** A compiled template with two filters and an if block. */
    @Benchmark
    public String renderFiltersAndIf() {
        return engine.render(filtersAndIf, context);
    }

    /** A compiled template without markup. */
    @Benchmark
    public String renderLiteral() {
        return engine.render(literal, context);
    }
}
