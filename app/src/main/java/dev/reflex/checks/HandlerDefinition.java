package dev.reflex.checks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Sensu 1.x event handler: where an event goes once it passed the handler's filters and was
 * mutated, plus the options that decide which events it sees.
 *
 * @param name           the handler name
 * @param kind           what the handler does with the event
 * @param filters        the named filters applied in order ({@code filters}, else {@code [filter]})
 * @param severities     the severities it handles, or null for all
 * @param mutator        the mutator name, or null for {@code json}
 * @param timeout        seconds for pipe and tcp handlers, or null (tcp then uses 10)
 * @param handleSilenced whether silenced events are still handled
 * @param handleFlapping whether {@code flapping} events are handled
 * @param attributes     every attribute as written
 */
public record HandlerDefinition(
        String name,
        Kind kind,
        List<String> filters,
        List<Severity> severities,
        String mutator,
        Double timeout,
        boolean handleSilenced,
        boolean handleFlapping,
        Map<String, Object> attributes) {

    public HandlerDefinition {
        filters = List.copyOf(filters);
        severities = severities == null ? null : List.copyOf(severities);
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The handler types. */
    public sealed interface Kind permits Pipe, Tcp, Udp, Transport, Set, Reflex, Debug {
    }

    /** Runs a command through {@code /bin/sh -c} with the event data on its stdin. */
    public record Pipe(String command) implements Kind {
    }

    /** Writes the event data to a TCP socket, then closes it. */
    public record Tcp(String host, int port) implements Kind {
    }

    /** Sends the event data as one UDP datagram. */
    public record Udp(String host, int port) implements Kind {
    }

    /**
     * Publishes the event data on a transport pipe (in Reflex: an injected publisher).
     *
     * @param pipeType {@code direct}, {@code fanout} or {@code topic}
     * @param pipeName the pipe (queue or exchange) name
     * @param options  transport options as written
     */
    public record Transport(String pipeType, String pipeName, Map<String, Object> options) implements Kind {
        public Transport {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }
    }

    /** Expands to other handlers by name (sets may contain sets, two levels deep). */
    public record Set(List<String> handlers) implements Kind {
        public Set {
            handlers = List.copyOf(handlers);
        }
    }

    /**
     * Reflex's own type: the event (Sensu 1.x shape) goes to Reflex's rules as a
     * {@code sensu.event_handler} trigger instance.
     */
    public record Reflex() implements Kind {
    }

    /** Sensu's built-in {@code debug} extension handler: logs the event data. */
    public record Debug() implements Kind {
    }

    /** The handler used when a check names none and no {@code default} handler is configured. */
    public static HandlerDefinition defaultReflex() {
        return new HandlerDefinition("default", new Reflex(), List.of(), null, null, null, false, false,
                Map.of("type", "reflex"));
    }

    /** The built-in {@code debug} handler, used when no handler of that name is configured. */
    public static HandlerDefinition builtinDebug() {
        return new HandlerDefinition("debug", new Debug(), List.of(), null, null, null, false, false, Map.of());
    }

    /** Builds the record from a definition that passed {@link HandlerValidator#validateHandler}. */
    public static HandlerDefinition from(String name, Map<String, Object> definition) {
        Kind kind = switch (String.valueOf(definition.get("type"))) {
            case "pipe" -> new Pipe((String) definition.get("command"));
            case "tcp" -> new Tcp(host(definition), port(definition));
            case "udp" -> new Udp(host(definition), port(definition));
            case "transport" -> {
                Map<String, Object> pipe = JsonValues.asMap(definition.get("pipe"));
                Map<String, Object> options = JsonValues.asMap(pipe.get("options"));
                yield new Transport((String) pipe.get("type"), (String) pipe.get("name"), options == null ? Map.of() : options);
            }
            case "set" -> new Set(CheckDefinition.strings(definition.get("handlers")));
            case "reflex" -> new Reflex();
            default -> throw new IllegalArgumentException("unknown handler type " + definition.get("type"));
        };
        List<String> filters;
        if (JsonValues.truthy(definition.get("filters"))) {
            filters = CheckDefinition.strings(definition.get("filters"));
        } else if (definition.get("filter") instanceof String f) {
            filters = List.of(f);
        } else {
            filters = List.of();
        }
        List<Severity> severities = null;
        if (definition.get("severities") instanceof List<?> list) {
            severities = new ArrayList<>();
            for (Object o : list) {
                Severity s = Severity.fromLabel(String.valueOf(o));
                if (s != null) {
                    severities.add(s);
                }
            }
        }
        return new HandlerDefinition(name, kind, filters, severities,
                definition.get("mutator") instanceof String m ? m : null,
                definition.get("timeout") instanceof Number n ? n.doubleValue() : null,
                Boolean.TRUE.equals(definition.get("handle_silenced")),
                Boolean.TRUE.equals(definition.get("handle_flapping")),
                definition);
    }

    private static String host(Map<String, Object> definition) {
        return String.valueOf(JsonValues.asMap(definition.get("socket")).get("host"));
    }

    private static int port(Map<String, Object> definition) {
        Integer port = JsonValues.asInt(JsonValues.asMap(definition.get("socket")).get("port"));
        return port == null ? 0 : port;
    }
}
