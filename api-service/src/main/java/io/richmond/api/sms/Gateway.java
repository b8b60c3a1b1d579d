package io.richmond.api.sms;

import java.util.Arrays;
import java.util.Locale;

import io.richmond.api.web.ApiException;

/** The SMS providers the API sends through; each is a transport on the bus with its own queues. */
public enum Gateway {
    CLICKATELL, OPERA;

    /** As in URLs and the database: {@code clickatell}, {@code opera}. */
    public String transportName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The gateway a URL names; any other answers 404, as an unknown resource does. */
    public static Gateway fromPath(String name) {
        return Arrays.stream(values()).filter(gateway -> gateway.transportName().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("unknown gateway '" + name + "': use clickatell or opera"));
    }
}
