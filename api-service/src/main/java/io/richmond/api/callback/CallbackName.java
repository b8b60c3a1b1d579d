package io.richmond.api.callback;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The two events a customer can be called back for. */
public enum CallbackName {
    SMS_RECEIVED, SMS_RECEIPT;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CallbackName> of(String value) {
        return Arrays.stream(values()).filter(name -> name.value().equals(value)).findFirst();
    }
}
