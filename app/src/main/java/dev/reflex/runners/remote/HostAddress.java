package dev.reflex.runners.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a {@code hosts} parameter: the host name or address, the port, and the text as it
 * was written. Accepted forms, as in StackStorm: {@code host}, {@code host:port}, a bare IPv4 or
 * IPv6 address, {@code [v6]} and {@code [v6]:port}.
 *
 * @param host    the host name or address, without brackets
 * @param port    the port, explicit or defaulted
 * @param written the entry as written in the parameter, trimmed
 */
public record HostAddress(String host, int port, String written) {

    public HostAddress {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(written, "written");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Invalid port " + port + " specified.");
        }
    }

    /** Parses a comma-separated {@code hosts} value; empty entries are skipped. */
    public static List<HostAddress> parseList(String hosts, int defaultPort) {
        List<HostAddress> out = new ArrayList<>();
        for (String part : hosts.split(",")) {
            String entry = part.trim();
            if (!entry.isEmpty()) {
                out.add(parse(entry, defaultPort));
            }
        }
        return out;
    }

    /** Parses one entry. */
    public static HostAddress parse(String entry, int defaultPort) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Invalid host " + entry + " specified.");
            }
            String host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (rest.isEmpty()) {
                return new HostAddress(host, defaultPort, entry);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("Invalid host " + entry + " specified.");
            }
            return new HostAddress(host, port(rest.substring(1)), entry);
        }
        int colons = (int) entry.chars().filter(c -> c == ':').count();
        if (colons == 1) {
            int colon = entry.indexOf(':');
            return new HostAddress(entry.substring(0, colon), port(entry.substring(colon + 1)), entry);
        }
        return new HostAddress(entry, defaultPort, entry);
    }

    /** {@code host:port}, with brackets around IPv6 addresses. */
    public String authority() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid port " + text + " specified.");
        }
    }
}
