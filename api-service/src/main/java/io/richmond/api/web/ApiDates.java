package io.richmond.api.web;

import java.time.OffsetDateTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The original API's dates: {@code YYYY-MM-DD HH:MM:SS}, in UTC. */
public final class ApiDates {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ApiDates() {
    }

    /** The date as the API writes it; null stays null. */
    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }

    /**
     * Reads {@code YYYY-MM-DD}, {@code YYYY-MM-DD HH:MM:SS} or ISO-8601 ({@code 2010-05-14T16:31:01Z}), the forms
     * clients of Django's API used; without a zone the time is UTC.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Instant parse(String text) {
        String value = text.trim();
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(value.replace(' ', 'T')).toInstant();
            }
            return LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date: use YYYY-MM-DD or YYYY-MM-DD HH:MM:SS"
                    + " (UTC)");
        }
    }
}
