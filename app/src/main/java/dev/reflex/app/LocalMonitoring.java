package dev.reflex.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent definitions {@code reflex up} writes for the machine it runs on: a client named after the
 * host, and three real checks (load, disk, zombie processes) that use monitoring-plugins when they are
 * installed and small shell equivalents shipped with Reflex otherwise. The load check is the seed's
 * {@code check_load}: it reaches the handler on its third consecutive non-OK result, which is what the
 * {@code sensu.loadavg_diag} rule waits for.
 */
final class LocalMonitoring {

    static final Path PLUGINS = Path.of("/usr/lib/nagios/plugins");
    static final String SUBSCRIPTION = "reflex-up";

    /** Load thresholds per CPU (1, 5, 15 minutes): everyday ones, and the demo's, which its load generator crosses. */
    static final String WARN = "1.5,1.2,1.0";
    static final String CRIT = "3.0,2.5,2.0";
    static final String DEMO_WARN = "0.6,0.6,0.6";
    static final String DEMO_CRIT = "0.9,0.9,0.9";

    /** The commands the local agent accepts from the server: the linux pack's diagnostic scripts. */
    static final List<String> DIAGNOSTICS = List.of("check_loadavg.sh *", "check_processes.sh *", "netstat_grep.sh *",
            "lsof_pids.sh *");

    private LocalMonitoring() {
    }

    /** What was written: the definitions file, the client name and whether monitoring-plugins are used. */
    record Setup(Path file, String client, boolean plugins) {
    }

    /**
     * Writes the definitions (and the fallback scripts) under {@code dir}.
     *
     * @param demo   whether to use the demo's load thresholds
     * @param plugins the monitoring-plugins folder (checked for {@code check_load}, {@code check_disk}, {@code check_procs})
     */
    static Setup write(Path dir, boolean demo, Path plugins) {
        try {
            Files.createDirectories(dir);
            String client = clientName();
            boolean havePlugins = Files.isExecutable(plugins.resolve("check_load"))
                    && Files.isExecutable(plugins.resolve("check_disk")) && Files.isExecutable(plugins.resolve("check_procs"));
            String warn = demo ? DEMO_WARN : WARN;
            String crit = demo ? DEMO_CRIT : CRIT;
            Map<String, Object> checks = new LinkedHashMap<>();
            if (havePlugins) {
                checks.put("check_load", check(plugins.resolve("check_load") + " -r -w " + warn + " -c " + crit, 10, 3));
                checks.put("check_disk", check(plugins.resolve("check_disk") + " -w 10% -c 5% -p /", 60, 1));
                checks.put("check_zombies", check(plugins.resolve("check_procs") + " -w 5 -c 10 -s Z", 60, 1));
            } else {
                checks.put("check_load", check("sh " + script(dir, "check_load.sh") + " " + warn + " " + crit, 10, 3));
                checks.put("check_disk", check("sh " + script(dir, "check_disk.sh") + " 10 5 /", 60, 1));
                checks.put("check_zombies", check("sh " + script(dir, "check_zombies.sh") + " 5 10", 60, 1));
            }
            Map<String, Object> clientDef = new LinkedHashMap<>();
            clientDef.put("name", client);
            clientDef.put("address", "127.0.0.1");
            clientDef.put("subscriptions", List.of(SUBSCRIPTION));
            // the diagnostics of the built-in linux pack run through this agent, and nothing else does
            clientDef.put("allow_remote_commands", true);
            clientDef.put("allowed_remote_commands", DIAGNOSTICS);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("client", clientDef);
            doc.put("checks", checks);
            Path file = dir.resolve("agent.json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
            return new Setup(file, client, havePlugins);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local agent's definitions in " + dir, e);
        }
    }

    private static Map<String, Object> check(String command, int interval, int occurrences) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("command", command);
        c.put("standalone", true);
        c.put("interval", interval);
        c.put("timeout", 10);
        c.put("occurrences", occurrences);
        c.put("refresh", 1800);
        c.put("handlers", List.of("default"));
        return c;
    }

    private static Path script(Path dir, String name) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = LocalMonitoring.class.getResourceAsStream("/up/" + name)) {
            if (in == null) {
                throw new IOException("the built-in check script " + name + " is missing from the build");
            }
            Files.write(target, in.readAllBytes());
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        return target;
    }

    /** The host name as a Sensu client name ({@code [\w.-]+}). */
    static String clientName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String name = host.toLowerCase(Locale.ROOT).replaceAll("[^\\w.-]", "-");
        return name.isEmpty() ? "localhost" : name;
    }
}
