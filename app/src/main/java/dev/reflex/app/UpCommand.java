package dev.reflex.app;

import dev.reflex.agent.Agent;
import dev.reflex.agent.AgentSettings;
import dev.reflex.checks.Parsed;
import dev.reflex.checks.SensuSettings;
import dev.reflex.config.ReflexConfig;
import dev.reflex.rules.Rule;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code reflex up}: the server on its embedded store, a local agent running real checks on this
 * machine, the built-in packs and the seed's {@code sensu.loadavg_diag} rule enabled, so that a load
 * alert on this machine runs the diagnostic workflow. {@code --demo} adds a minute of load.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run Reflex with a local agent and real checks on this machine (--demo: make the load alert fire).")
public final class UpCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(UpCommand.class);
    static final String RULE = "sensu.loadavg_diag";
    static final Duration DEMO_LENGTH = Duration.ofMinutes(1);

    @Mixin
    ServerOptions options = new ServerOptions();

    @Option(names = "--demo", description = "Also load this machine for a minute so the load check goes CRITICAL "
            + "three times and the diagnostic workflow runs.")
    boolean demo;

    @Option(names = "--no-agent", description = "Do not start the local agent (the server and rule only).")
    boolean noAgent;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        ReflexConfig cfg = options.resolve(System.err);
        if (cfg == null) {
            return 1;
        }
        Stack stack = new Stack();
        try {
            stack.app = new App(cfg, Clock.systemUTC());
            stack.app.start();
            enableRule(stack.app);
            String server = "http://" + loopback(cfg.http().bind()) + ":" + stack.app.httpPort();
            LocalMonitoring.Setup setup = null;
            if (!noAgent) {
                setup = LocalMonitoring.write(cfg.dataDir().resolve("up"), demo, LocalMonitoring.PLUGINS);
                stack.agent = startAgent(setup, server, cfg.dataDir().resolve("up").resolve("agent-data"));
            }
            if (demo) {
                int count = 3 * Runtime.getRuntime().availableProcessors();
                stack.load = LoadGenerator.start(count, DEMO_LENGTH);
            }
            banner(out, server, setup, stack);
        } catch (Exception e) {
            // whatever started is stopped again, so a failed start leaves no server or busy loop behind
            System.err.println("reflex: " + (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    ? e.getMessage() : e));
            stack.close();
            return 1;
        }
        ServerCommand.stopOnSignals(stack::close);
        Throwable failure = stack.app.awaitStop();
        if (failure != null) {
            ServerCommand.stopWithin(stack::close);
            return 1;
        }
        return 0;
    }

    private static void enableRule(App app) {
        Optional<Rule> rule = app.rules().get(RULE);
        if (rule.isEmpty()) {
            LOG.warn("rule {} is not loaded (is the sensu pack replaced by one without it?); no diagnostics will run", RULE);
        } else if (!rule.get().enabled()) {
            app.rules().update(RULE, rule.get().withEnabled(true));
            LOG.info("rule {} enabled", RULE);
        }
    }

    private static Agent startAgent(LocalMonitoring.Setup setup, String server, Path dataDir) throws Exception {
        Parsed<SensuSettings> settings = AgentSettings.load(List.of(setup.file()));
        if (!settings.ok()) {
            throw new IllegalStateException("the local agent's definitions are invalid: " + settings.problems());
        }
        try {
            return new Agent(settings.value(), server, System.getenv("REFLEX_API_KEY"), dataDir, Clock.systemUTC()).start();
        } catch (java.net.BindException e) {
            LOG.warn("the local agent could not bind its sockets (127.0.0.1:3030/3031 in use by another agent?): {}; "
                    + "running without it", e.getMessage());
            return null;
        }
    }

    private static String loopback(String bind) {
        return bind == null || bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    }

    private void banner(PrintStream out, String server, LocalMonitoring.Setup setup, Stack stack) {
        out.println();
        out.println("Reflex " + ReflexCommand.version() + " is up.");
        out.println("  API      " + server + "/api/v1/health   (OpenAPI: " + server + "/api/v1/openapi.json)");
        if (setup != null && stack.agent != null) {
            out.println("  agent    " + setup.client() + ": check_load every 10 s, check_disk and check_zombies every 60 s ("
                    + (setup.plugins() ? "monitoring-plugins" : "built-in shell checks; install monitoring-plugins for Nagios'")
                    + ")");
        }
        out.println("  rule     " + RULE + ": a load alert CRITICAL three times in a row runs linux.diag_loadavg on its host");
        if (stack.load != null) {
            out.println("  demo     " + stack.load.running() + " busy loops (nice 19) for " + DEMO_LENGTH.toSeconds()
                    + " s; load thresholds per CPU lowered to warn " + LocalMonitoring.DEMO_WARN + ", critical "
                    + LocalMonitoring.DEMO_CRIT + ". The workflow should run within two minutes.");
        }
        out.println();
        out.println("Look around (another terminal):");
        out.println("  ./reflex event list                  Sensu events (check_load goes CRITICAL under load)");
        out.println("  ./reflex rule-enforcement list       the rule firing");
        out.println("  ./reflex execution list              the diagnostic workflow and its tasks");
        out.println("  ./reflex execution get <id>          one execution, with its tasks' output");
        out.println("  ./reflex trace <trigger-instance>    from the alert to everything it caused");
        out.println("Ctrl-C stops everything.");
        out.flush();
    }

    /** What {@code up} started, stopped in reverse. */
    private static final class Stack {
        App app;
        Agent agent;
        LoadGenerator load;

        synchronized void close() {
            if (load != null) {
                load.close();
                load = null;
            }
            if (agent != null) {
                agent.close();
                agent = null;
            }
            if (app != null) {
                app.close();
            }
        }
    }
}
