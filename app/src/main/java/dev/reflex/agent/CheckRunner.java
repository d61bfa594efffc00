package dev.reflex.agent;

import dev.reflex.checks.CheckExecution;
import dev.reflex.checks.JsonValues;
import dev.reflex.checks.SensuSettings;
import dev.reflex.checks.Severity;
import dev.reflex.checks.Tokens;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent does with a check request (from the server or its own standalone schedule), as
 * Sensu's client does: merges its local definition over the request (the local one wins; not for
 * proxy requests), enforces safe mode, refuses to start a check whose previous run is still going,
 * substitutes client tokens (unmatched ones give a status 3 result with {@code handle: false} and the
 * command is not run), runs the command with its timeout, then the hook chosen by the status, and
 * publishes the result.
 */
public final class CheckRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);

    private final SensuSettings settings;
    private final Map<String, Object> client;
    private final Clock clock;
    private final Consumer<Map<String, Object>> publish;
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();

    /**
     * @param settings the agent's definitions (client and local checks)
     * @param publish  receives each result's check attributes
     */
    public CheckRunner(SensuSettings settings, Map<String, Object> client, Clock clock,
            Consumer<Map<String, Object>> publish) {
        this.settings = settings;
        this.client = client;
        this.clock = clock;
        this.publish = publish;
    }

    /** Handles a request on a virtual thread of its own; returns at once. */
    public void submit(Map<String, Object> request) {
        Thread.ofVirtual().name("check-" + request.get("name")).start(() -> {
            try {
                process(request);
            } catch (RuntimeException e) {
                LOG.error("check {} failed to run", request.get("name"), e);
            }
        });
    }

    /** Handles a request on the calling thread. */
    public void process(Map<String, Object> request) {
        if (!(request.get("name") instanceof String name)) {
            LOG.warn("a check request without a name was ignored");
            return;
        }
        Map<String, Object> check = new LinkedHashMap<>(request);
        var local = settings.check(name);
        if (local.isPresent() && request.get("proxy_requests") == null) {
            check.putAll(local.get().attributes());
            check.put("name", name);
        }
        if (!check.containsKey("command")) {
            LOG.warn("check {} has no command (Sensu check extensions are not supported); not run", name);
            return;
        }
        if (JsonValues.truthy(client.get("safe_mode")) && local.isEmpty()) {
            check.put("output", "Check is not locally defined (safe mode)");
            check.put("status", 3L);
            check.put("handle", false);
            check.put("executed", clock.instant().getEpochSecond());
            publish.accept(check);
            return;
        }
        if (!inProgress.add(name)) {
            LOG.warn("previous execution of check {} still in progress; this request is skipped", name);
            return;
        }
        try {
            execute(check);
        } finally {
            inProgress.remove(name);
        }
    }

    private void execute(Map<String, Object> check) {
        CheckExecution.Prepared prepared = CheckExecution.prepare(check, client, clock);
        switch (prepared) {
            case CheckExecution.Unmatched u -> publish.accept(u.result());
            case CheckExecution.Ready r -> {
                Map<String, Object> result = new LinkedHashMap<>(r.check());
                String stdin = JsonValues.truthy(check.get("stdin"))
                        ? JsonValues.write(Map.of("client", client, "check", r.check())) : null;
                ProcessRunner.Outcome o = ProcessRunner.run(r.command(), JsonValues.asDouble(check.get("timeout")), stdin);
                result.put("duration", o.duration());
                result.put("output", o.output());
                result.put("status", (long) o.status());
                runHook(result, o.status());
                publish.accept(result);
            }
        }
    }

    /** Runs the hook for {@code status}: its exact code, else its severity, else {@code non-zero}. */
    private void runHook(Map<String, Object> result, int status) {
        Map<String, Object> hooks = JsonValues.asMap(result.get("hooks"));
        if (hooks == null) {
            return;
        }
        String key = Integer.toString(status);
        if (!hooks.containsKey(key)) {
            key = Severity.ofStatus(status).label();
        }
        if (!hooks.containsKey(key) && status != 0) {
            key = "non-zero";
        }
        Map<String, Object> hook = JsonValues.asMap(hooks.get(key));
        if (hook == null || !(hook.get("command") instanceof String command)) {
            return;
        }
        Map<String, Object> ran = new LinkedHashMap<>(hook);
        Tokens.Substitution<String> s = CheckExecution.substituteCommand(command, client);
        ran.put("executed", clock.instant().getEpochSecond());
        if (!s.complete()) {
            ran.put("output", CheckExecution.unmatchedOutput(s.unmatched()));
            ran.put("status", (long) CheckExecution.UNMATCHED_STATUS);
        } else {
            Double timeout = JsonValues.asDouble(hook.get("timeout"));
            ProcessRunner.Outcome o = ProcessRunner.run(s.value(), timeout == null ? 60.0 : timeout,
                    JsonValues.truthy(hook.get("stdin")) ? JsonValues.write(Map.of("client", client, "check", result))
                            : null);
            ran.put("output", o.output());
            ran.put("status", (long) o.status());
            ran.put("duration", o.duration());
        }
        Map<String, Object> withOutput = new LinkedHashMap<>(hooks);
        withOutput.put(key, ran);
        result.put("hooks", withOutput);
    }

    /** The names of the checks running now. */
    public Set<String> inProgress() {
        return Set.copyOf(inProgress);
    }
}
