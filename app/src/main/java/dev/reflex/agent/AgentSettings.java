package dev.reflex.agent;

import dev.reflex.checks.ClientDefinition;
import dev.reflex.checks.DeepMerge;
import dev.reflex.checks.JsonValues;
import dev.reflex.checks.Parsed;
import dev.reflex.checks.SensuSettings;
import dev.reflex.checks.SettingsParser;
import dev.reflex.config.ConfigProblem;
import dev.reflex.config.Location;
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
 * first non-loopback IPv4 address. A validation problem names the {@code file:line:col} where the
 * value it is about was last written. Besides Sensu's client attributes, the client may hold Reflex's
 * {@code allow_remote_commands} and {@code allowed_remote_commands} (see {@link RemoteCommandPolicy}).
 */
public final class AgentSettings {

    private AgentSettings() {
    }

    /** Loads and validates {@code files}; the settings have a client when the result has no problems. */
    public static Parsed<SensuSettings> load(List<Path> files) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Object> merged = new LinkedHashMap<>();
        List<Node.MapNode> roots = new ArrayList<>();
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
            roots.add(map);
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
            problems.add(locate(roots, p.path()).map(l -> l.problem(p.path(), p.message()))
                    .orElseGet(() -> new ConfigProblem(label, 0, 0, p.path(), p.message())));
        }
        if (problems.isEmpty() && parsed.value().client().isEmpty()) {
            problems.add(ConfigProblem.ofFile(label, "no client definition"));
        }
        return new Parsed<>(parsed.value(), problems);
    }

    /**
     * Where the value at a JSON-pointer {@code path} was last written: the last file that has it
     * (later files override earlier ones), else the nearest enclosing value that exists.
     */
    static java.util.Optional<Location> locate(List<Node.MapNode> roots, String path) {
        if (path == null || path.isEmpty()) {
            return java.util.Optional.empty();
        }
        String[] segments = path.substring(1).split("/", -1);
        Location best = null;
        int bestDepth = 0;
        for (int r = roots.size() - 1; r >= 0; r--) {
            Node node = roots.get(r);
            for (int i = 0; i < segments.length && node != null; i++) {
                String key = segments[i].replace("~1", "/").replace("~0", "~");
                node = switch (node) {
                    case Node.MapNode m -> m.get(key);
                    case Node.ListNode l -> key.matches("\\d+") && Integer.parseInt(key) < l.items().size()
                            ? l.items().get(Integer.parseInt(key)) : null;
                    default -> null;
                };
                if (node != null && i + 1 > bestDepth) {
                    best = node.location();
                    bestDepth = i + 1;
                }
            }
            if (bestDepth == segments.length) {
                break;
            }
        }
        return java.util.Optional.ofNullable(best);
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
