package dev.reflex.checks;

import java.util.List;
import java.util.Map;

/**
 * Sensu's rules for handler, filter and mutator definitions, every failure with its path.
 *
 * <p>Reflex adds one handler type to Sensu's five: {@code reflex}, which hands the event to Reflex's
 * own rules and actions. It takes no type-specific attributes.
 */
public final class HandlerValidator {

    /** The handler types Reflex accepts. */
    public static final List<String> TYPES = List.of("pipe", "tcp", "udp", "transport", "set", "reflex");

    private HandlerValidator() {
    }

    /** Validates a handler definition at {@code base} (such as {@code /handlers/mail}). */
    public static void validateHandler(Map<String, Object> handler, String base, Problems p) {
        Object type = handler.get("type");
        if (!Rules.isString(type)) {
            p.add(base, "type", "handler type must be a string, one of " + TYPES);
        } else {
            switch ((String) type) {
                case "pipe" -> {
                    if (!Rules.isString(handler.get("command"))) {
                        p.add(base, "command", "a pipe handler needs a command string");
                    }
                }
                case "tcp", "udp" -> socket(handler, base, p);
                case "transport" -> transport(handler, base, p);
                case "set" -> {
                    Object handlers = handler.get("handlers");
                    if (!Rules.isArray(handlers)) {
                        p.add(base, "handlers", "a set handler needs a handlers array");
                    } else if (!Rules.stringItems(handlers, null)) {
                        p.add(base, "handlers", "set handlers must each be a non-empty string");
                    }
                }
                case "reflex" -> {
                    // no type-specific attributes
                }
                default -> p.add(base, "type", "unknown handler type '" + type + "', expected one of " + TYPES);
            }
        }
        Object filters = handler.get("filters");
        if (!Rules.arrayIfSet(filters)) {
            p.add(base, "filters", "handler filters must be an array");
        } else if (filters != null && !Rules.stringItems(filters, null)) {
            p.add(base, "filters", "handler filters must each be a non-empty string");
        }
        if (!Rules.stringIfSet(handler.get("filter"))) {
            p.add(base, "filter", "handler filter must be a string");
        }
        Object severities = handler.get("severities");
        if (!Rules.arrayIfSet(severities)) {
            p.add(base, "severities", "handler severities must be an array");
        } else if (severities instanceof List<?> list && !Rules.SEVERITIES.containsAll(list)) {
            p.add(base, "severities", "handler severities must each be one of " + Rules.SEVERITIES);
        }
        if (!Rules.numericIfSet(handler.get("timeout"))) {
            p.add(base, "timeout", "handler timeout must be a number");
        }
        if (!Rules.stringIfSet(handler.get("mutator"))) {
            p.add(base, "mutator", "handler mutator must be a string");
        }
        if (!Rules.booleanIfSet(handler.get("handle_flapping"))) {
            p.add(base, "handle_flapping", "handle_flapping must be a boolean");
        }
        if (!Rules.booleanIfSet(handler.get("handle_silenced"))) {
            p.add(base, "handle_silenced", "handle_silenced must be a boolean");
        }
    }

    private static void socket(Map<String, Object> handler, String base, Problems p) {
        if (!(handler.get("socket") instanceof Map<?, ?> socket)) {
            p.add(base, "socket", "a tcp or udp handler needs a socket object with host and port");
            return;
        }
        if (!Rules.isString(socket.get("host"))) {
            p.add(base + "/socket/host", "socket host must be a string");
        }
        if (!Rules.isInteger(socket.get("port"))) {
            p.add(base + "/socket/port", "socket port must be an integer");
        }
    }

    private static void transport(Map<String, Object> handler, String base, Problems p) {
        if (!(handler.get("pipe") instanceof Map<?, ?> pipe)) {
            p.add(base, "pipe", "a transport handler needs a pipe object");
            return;
        }
        Object type = pipe.get("type");
        if (!Rules.isString(type)) {
            p.add(base + "/pipe/type", "transport pipe type must be a string");
        } else if (!List.of("direct", "fanout", "topic").contains(type)) {
            p.add(base + "/pipe/type", "transport pipe type must be direct, fanout or topic");
        }
        if (!Rules.isString(pipe.get("name"))) {
            p.add(base + "/pipe/name", "transport pipe name must be a string");
        }
        if (!Rules.hashIfSet(pipe.get("options"))) {
            p.add(base + "/pipe/options", "transport pipe options must be an object");
        }
    }

    /** Validates a filter definition at {@code base} (such as {@code /filters/production}). */
    public static void validateFilter(Map<String, Object> filter, String base, Problems p) {
        if (!Rules.booleanIfSet(filter.get("negate"))) {
            p.add(base, "negate", "filter negate must be a boolean");
        }
        if (!Rules.isHash(filter.get("attributes"))) {
            p.add(base, "attributes", "filter attributes must be an object");
        }
        if (JsonValues.truthy(filter.get("when"))) {
            Rules.timeWindows(filter, "when", base, p);
        }
    }

    /** Validates a mutator definition at {@code base} (such as {@code /mutators/tag}). */
    public static void validateMutator(Map<String, Object> mutator, String base, Problems p) {
        if (!Rules.isString(mutator.get("command"))) {
            p.add(base, "command", "mutator command must be a string");
        }
        if (!Rules.numericIfSet(mutator.get("timeout"))) {
            p.add(base, "timeout", "mutator timeout must be a number");
        }
    }
}
