package dev.reflex.cli;

import dev.reflex.agent.Agent;
import dev.reflex.agent.AgentSettings;

import dev.reflex.checks.Parsed;
import dev.reflex.checks.SensuSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reflex agent --server URL --config FILE… [--data-dir DIR]}: runs Sensu's client role. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Run the agent: connect to a server, run checks, accept results on the local sockets.")
public final class AgentCommand implements Callable<Integer> {

    @Option(names = "--server", required = true, paramLabel = "URL",
            description = "The server's base URL, such as http://127.0.0.1:9101 (https:// for TLS).")
    String server;

    @Option(names = "--config", required = true, arity = "1..*", paramLabel = "FILE",
            description = "Client and check definitions, Sensu JSON or YAML; several are deep-merged in order.")
    List<Path> config;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "reflex-agent-data",
            description = "Where results wait for the server (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:REFLEX_API_KEY}",
            description = "The API key, when the server requires one (default: $REFLEX_API_KEY).")
    String apiKey;

    @Override
    public Integer call() throws Exception {
        Parsed<SensuSettings> settings = AgentSettings.load(config);
        if (!settings.ok()) {
            settings.problems().forEach(p -> System.err.println("reflex agent: " + p));
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (Agent agent = new Agent(settings.value(), server, apiKey, dataDir, Clock.systemUTC()).start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }
}
