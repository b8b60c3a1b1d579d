package io.richmond.api.sms;

import java.util.regex.Pattern;

/**
 * Who an SMS may say it is from ({@code from_msisdn}): an msisdn as {@link Msisdns} takes it, a short code of 3 to 8
 * digits, or an alphanumeric sender ID. Digits alone are a number, so every string of 3 to 15 digits is taken (a
 * short code up to 8, an msisdn from 7). An alphanumeric ID is 1 to 11 of the characters every network and every
 * gateway carries alike: ASCII letters, digits, spaces and {@code & ' - . _}, all in GSM 03.38's basic table. It
 * must have a letter, so that it is never read as a number, and may not start or end with a space, which networks
 * trim or refuse.
 */
public final class Senders {

    private static final Pattern SHORT_CODE = Pattern.compile("[0-9]{3,8}");
    private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9 &'._-]{1,11}");
    private static final Pattern LETTER = Pattern.compile("[A-Za-z]");

    private static final String FORMS = "an msisdn (digits with an optional leading +, 7 to 15 digits), a short"
            + " code (3 to 8 digits) or an alphanumeric sender ID (1 to 11 ASCII letters, digits, spaces and"
            + " & ' - . _, with at least one letter, not starting or ending with a space)";

    private Senders() {
    }

    public static boolean isValid(String value) {
        return value != null && (Msisdns.isValid(value) || SHORT_CODE.matcher(value).matches()
                || isAlphanumeric(value));
    }

    public static String problem(String value) {
        return "'" + value + "' is not a sender: give " + FORMS;
    }

    private static boolean isAlphanumeric(String value) {
        return ALPHANUMERIC.matcher(value).matches() && LETTER.matcher(value).find() && !value.startsWith(" ")
                && !value.endsWith(" ");
    }
}
