package dev.reflex.app;

import dev.reflex.config.ConfigProblem;
import dev.reflex.config.ConfigResolver;
import dev.reflex.config.Overrides;
import dev.reflex.config.ReflexConfig;
import dev.reflex.config.Resolution;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of the commands that run a server ({@code reflex server}, {@code reflex up}) and the
 * resolution of the configuration they name, with every problem printed at once.
 */
public final class ServerOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default ./reflex.yaml when present).")
    Path config;

    @Option(names = "--env", paramLabel = "NAME", description = "Environment overlay reflex.NAME.yaml (env REFLEX_ENV).")
    String env;

    @Option(names = "--values", paramLabel = "FILE", description = "Values for @@KEY@@ tokens in the configuration.")
    Path values;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default ./reflex-data).")
    Path dataDir;

    @Option(names = "--http-port", paramLabel = "N", description = "HTTP port (default 9101; 0 picks a free one).")
    Integer httpPort;

    @Option(names = "--packs", paramLabel = "DIR", split = ",",
            description = "A pack folder or a folder of packs; repeatable.")
    List<Path> packs = new ArrayList<>();

    /**
     * The configuration these options and the environment resolve to, with warnings printed to
     * {@code err}; null (after printing every problem) when it is invalid.
     */
    ReflexConfig resolve(PrintStream err) {
        Resolution resolved = ConfigResolver.fromSystem()
                .resolve(new Overrides(config, env, values, dataDir, httpPort, packs.isEmpty() ? null : packs));
        for (ConfigProblem w : resolved.warnings()) {
            err.println("warning: " + w);
        }
        if (!resolved.ok()) {
            for (ConfigProblem p : resolved.problems()) {
                err.println(p);
            }
            err.println("reflex: the configuration has " + resolved.problems().size() + " error(s); not starting");
            return null;
        }
        return resolved.config();
    }
}
