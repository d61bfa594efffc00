package dev.reflex.rules;

import dev.reflex.template.PyTypes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the date strings the time-difference operators compare, as StackStorm's
 * {@code date_utils.parse} (dateutil) does for the common forms: ISO 8601 with {@code T} or a
 * space, optional seconds and fraction, {@code Z}, {@code UTC} or an offset; a date alone; and
 * RFC 1123 ({@code Mon, 24 Nov 2014 09:49:08 GMT}). A date without a zone is UTC.
 */
final class PyDates {

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
                    + "\\s*(Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?");

    private PyDates() {
    }

    /**
     * The instant a date string denotes.
     *
     * @throws PyError when the value is not a string or not a date
     */
    static Instant parse(Object value) {
        if (!(value instanceof String s)) {
            throw new PyError("Parser must be a string or character stream, not " + PyTypes.name(value));
        }
        String t = s.strip();
        Matcher m = ISO.matcher(t);
        if (m.matches()) {
            try {
                LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                LocalTime time = LocalTime.MIDNIGHT;
                if (m.group(4) != null) {
                    int nanos = 0;
                    if (m.group(7) != null) {
                        String frac = (m.group(7) + "000000000").substring(0, 9);
                        nanos = Integer.parseInt(frac);
                    }
                    time = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                            m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
                }
                ZoneOffset offset = offset(m.group(8));
                return LocalDateTime.of(date, time).toInstant(offset);
            } catch (java.time.DateTimeException e) {
                throw new PyError(e.getMessage() + ": " + s);
            }
        }
        try {
            return ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                throw new PyError("Unknown string format: " + s);
            }
        }
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null || zone.equals("Z") || zone.equals("UTC") || zone.equals("GMT")) {
            return ZoneOffset.UTC;
        }
        String digits = zone.replace(":", "");
        int hours = Integer.parseInt(digits.substring(1, 3));
        int minutes = digits.length() > 3 ? Integer.parseInt(digits.substring(3, 5)) : 0;
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }
}
