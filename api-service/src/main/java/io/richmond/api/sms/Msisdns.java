package io.richmond.api.sms;

import java.util.regex.Pattern;

/** Phone numbers as the API takes them: digits with an optional leading {@code +}, 7 to 15 digits (E.164). */
public final class Msisdns {

    private static final Pattern MSISDN = Pattern.compile("\\+?[0-9]{7,15}");

    private Msisdns() {
    }

    public static boolean isValid(String value) {
        return value != null && MSISDN.matcher(value).matches();
    }

    public static String problem(String value) {
        return "'" + value + "' is not an msisdn: digits with an optional leading +, 7 to 15 digits";
    }
}
