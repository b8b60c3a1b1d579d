package io.richmond.api.callback;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The body a callback URL gets: the original's {@code multipart/form-data}, or the same fields as JSON. */
public enum CallbackFormat {
    MULTIPART, JSON;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CallbackFormat> of(String value) {
        return Arrays.stream(values()).filter(format -> format.value().equals(value)).findFirst();
    }
}
