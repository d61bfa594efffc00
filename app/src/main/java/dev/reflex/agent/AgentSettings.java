package dev.reflex.agent;

import dev.reflex.checks.ClientDefinition;
import dev.reflex.checks.DeepMerge;
import dev.reflex.checks.JsonValues;
import dev.reflex.checks.Parsed;
import dev.reflex.checks.SensuSettings;
import dev.reflex.checks.SettingsParser;
import dev.reflex.config.ConfigProblem;
import dev.reflex.config.Node;
import dev.reflex.config.ParsedFile;
import dev.reflex.config.StrictLoader;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an agent's definition files (Sensu JSON or YAML: a {@code client} section and {@code checks}),
 * deep-merged in the order given, validated with Sensu's rules; every problem carries its file.
 * Like Sensu's loader, the client's {@code name} defaults to the host name and {@code address} to the
 * first non-loopback IPv4 address.
 */
public final class AgentSettings {

    private AgentSettings() {
    }

    /** Loads and validates {@code files}; the settings have a client when the result has no problems. */
    public static Parsed<SensuSettings> load(List<Path> files) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Path f : files) {
            ParsedFile parsed = StrictLoader.parse(f);
            problems.addAll(parsed.problems());
            if (!parsed.ok() || parsed.root() == null) {
                continue;
            }
            if (!(parsed.root() instanceof Node.MapNode map)) {
                problems.add(ConfigProblem.ofFile(f.toString(), "an agent definitions file must hold a map"));
                continue;
            }
            merged = DeepMerge.merge(merged, JsonValues.deepCopyMap(map.toPlain()));
        }
        Map<String, Object> client = JsonValues.asMap(merged.get("client"));
        client = client == null ? new LinkedHashMap<>() : new LinkedHashMap<>(client);
        client.putIfAbsent("name", hostName());
        client.putIfAbsent("address", address());
        merged.put("client", client);
        String label = files.isEmpty() ? "<no files>" : files.get(files.size() - 1).toString();
        Parsed<SensuSettings> parsed = SettingsParser.parse(merged, label);
        for (ConfigProblem p : parsed.problems()) {
            problems.add(new ConfigProblem(label, 0, 0, p.path(), p.message()));
        }
        if (problems.isEmpty() && parsed.value().client().isEmpty()) {
            problems.add(ConfigProblem.ofFile(label, "no client definition"));
        }
        return new Parsed<>(parsed.value(), problems);
    }

    /** The client's attributes as the agent publishes them. */
    public static Map<String, Object> client(SensuSettings settings) {
        ClientDefinition c = settings.client().orElseThrow();
        return Collections.unmodifiableMap(new LinkedHashMap<>(c.attributes()));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static String address() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof java.net.Inet4Address && !a.isLoopbackAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through
        }
        return "127.0.0.1";
    }
}
