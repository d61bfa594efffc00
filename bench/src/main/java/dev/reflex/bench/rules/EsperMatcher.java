package dev.reflex.bench.rules;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompileException;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import java.util.Map;

/** The workload's rules as Esper 9 statements in one single-threaded runtime; counts matches. */
final class EsperMatcher {

    private final EPEventService events;
    private long matches;

    EsperMatcher(RulesWorkload workload) {
        Configuration config = new Configuration();
        config.getRuntime().getThreading().setInternalTimerEnabled(false);
        config.getRuntime().getExecution().setDisableLocking(true);
        config.getCompiler().getByteCode().setAllowSubscriber(false);
        String module = RulesWorkload.esperSchemas() + String.join(";\n", workload.epl) + ";";
        EPCompiled compiled;
        try {
            compiled = EPCompilerProvider.getCompiler().compile(module, new CompilerArguments(config));
        } catch (EPCompileException e) {
            throw new IllegalStateException("EPL does not compile: " + e.getMessage(), e);
        }
        EPRuntime runtime = EPRuntimeProvider.getRuntime("rules-bench-" + System.nanoTime(), config);
        EPDeployment deployment;
        try {
            deployment = runtime.getDeploymentService().deploy(compiled);
        } catch (EPDeployException e) {
            throw new IllegalStateException(e);
        }
        for (EPStatement statement : deployment.getStatements()) {
            if (statement.getName().startsWith("rule_")) {
                statement.addListener((newEvents, oldEvents, s, rt) -> matches++);
            }
        }
        this.events = runtime.getEventService();
    }

    /** Sends one event; returns the number of statements it matched. */
    long send(Map<String, Object> event, String type) {
        long before = matches;
        events.sendEventMap(event, type);
        return matches - before;
    }
}
