package dev.reflex.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads list query parameters (limits, offsets, times) with clear 400s. */
final class Queries {

    private Queries() {
    }

    /** An integer parameter between {@code min} and {@code max}, or the default when absent. */
    static int integer(Context ctx, String name, int def, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw ApiException.badRequest("'" + name + "' must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be a whole number, got '" + v + "'");
        }
    }

    /** A time parameter (ISO-8601, such as 2026-11-21T10:00:00Z), or null when absent. */
    static Instant time(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'" + name + "' must be an ISO-8601 time such as 2026-11-21T10:00:00Z, got '"
                    + v + "'");
        }
    }

    /** A text parameter, or null when absent or blank. */
    static String text(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v;
    }
}
