package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** How the Sensu commands show events and results: tables, times, and status colours on a terminal. */
final class SensuViews {

    private SensuViews() {
    }

    /** Whether standard output is a terminal (colours are used only then, and never with NO_COLOR). */
    static boolean colour() {
        return System.console() != null && System.getenv("NO_COLOR") == null;
    }

    /** A status as text, coloured by severity when {@code colour} is on. */
    static String status(JsonNode status, boolean colour) {
        if (status == null || status.isNull()) {
            return "";
        }
        String text = status.asText();
        if (!colour) {
            return text;
        }
        String code = switch (status.asInt(3)) {
            case 0 -> "32";
            case 1 -> "33";
            case 2 -> "31";
            default -> "35";
        };
        return "\u001b[" + code + "m" + text + "\u001b[0m";
    }

    /** An epoch-seconds time as ISO-8601 UTC. */
    static String time(JsonNode epochSeconds) {
        return epochSeconds == null || !epochSeconds.canConvertToLong() ? ""
                : Instant.ofEpochSecond(epochSeconds.asLong()).toString();
    }

    /** Prints events as the event table: client, check, status, occurrences, output, timestamp. */
    static void events(ClientCommand c, Iterable<JsonNode> events) {
        boolean colour = colour();
        Table t = new Table(50, "client", "check", "status", "occurrences", "output", "timestamp");
        for (JsonNode e : events) {
            JsonNode check = e.path("check");
            t.row(ClientCommand.text(e.path("client"), "name"), ClientCommand.text(check, "name"),
                    status(check.get("status"), colour), ClientCommand.text(e, "occurrences"),
                    ClientCommand.text(check, "output").strip(), time(e.get("timestamp")));
        }
        t.print(c.out());
    }

    /** Prints results: client, check, status, output, executed. */
    static void results(ClientCommand c, Iterable<JsonNode> results) {
        boolean colour = colour();
        Table t = new Table(50, "client", "check", "status", "output", "executed");
        for (JsonNode r : results) {
            JsonNode check = r.path("check");
            t.row(ClientCommand.text(r, "client"), ClientCommand.text(check, "name"), status(check.get("status"), colour),
                    ClientCommand.text(check, "output").strip(), time(check.get("executed")));
        }
        t.print(c.out());
    }
}
