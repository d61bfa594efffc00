package dev.reflex.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reflex.rules.Parsed;
import dev.reflex.rules.Rule;
import dev.reflex.rules.RuleTestReport;
import dev.reflex.rules.RuleTester;
import dev.reflex.template.TemplateEngine;
import dev.reflex.triggers.Trigger;
import dev.reflex.triggers.TriggerInstance;
import dev.reflex.triggers.TriggerTypeRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code reflex rule test --rule FILE --trigger-instance FILE}: StackStorm's {@code st2-rule-tester},
 * offline. Prints why each criterion passed or failed; exit 0 when the rule matches, 1 when it does
 * not, 2 when a file cannot be read.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Test a rule file against a trigger instance file offline (like st2-rule-tester).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the rule matches", "1:the rule does not match", "2:a file cannot be read or is not valid"})
public final class RuleTestCommand implements Callable<Integer> {

    @Option(names = "--rule", required = true, paramLabel = "FILE", description = "The rule (YAML or JSON).")
    Path ruleFile;

    @Option(names = "--trigger-instance", required = true, paramLabel = "FILE",
            description = "The trigger instance: {\"trigger\": REF, \"payload\": {…}} (YAML or JSON), as st2 shows one.")
    Path instanceFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        TemplateEngine templates = new TemplateEngine();
        try {
            Object ruleDoc = RuleCommand.readFile(ruleFile);
            Parsed<Rule> parsed = new dev.reflex.rules.RuleParser(templates, TriggerTypeRegistry.withBuiltins())
                    .parse(new ObjectMapper().valueToTree(ruleDoc), ruleFile.toString());
            if (!parsed.ok()) {
                parsed.problems().forEach(p -> err.println(p));
                err.flush();
                return 2;
            }
            Rule rule = parsed.value();
            if (!(RuleCommand.readFile(instanceFile) instanceof Map<?, ?> doc)) {
                err.println(instanceFile + ": a trigger instance must be an object with 'trigger' and 'payload'");
                err.flush();
                return 2;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> payload = doc.get("payload") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
            Object ref = doc.get("trigger");
            Trigger ruleTrigger = Trigger.of(rule.trigger().type(), rule.trigger().parameters());
            Trigger trigger = ref == null || ref.equals(ruleTrigger.ref()) || ref.equals(rule.trigger().type())
                    ? ruleTrigger : Trigger.of(String.valueOf(ref), Map.of());
            TriggerInstance instance = TriggerInstance.pending(String.valueOf(doc.containsKey("id") ? doc.get("id") : "test"),
                    trigger, payload, Instant.EPOCH);
            RuleTestReport report = new RuleTester(templates, k -> Optional.empty(), Clock.systemUTC()).test(rule, instance);
            out.println(report.format());
            out.flush();
            return report.matches() ? 0 : 1;
        } catch (CliException e) {
            err.println("reflex: " + e.getMessage());
            err.flush();
            return 2;
        }
    }
}
