package io.richmond.simulators;

import io.richmond.simulators.http.WebhookTarget;
import io.richmond.simulators.truteq.TruteqSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the simulators are started with.
 *
 * @param clickatellPort 0 for any free port
 * @param operaPort      0 for any free port
 * @param receiptDelay   how long after accepting an SMS its delivery receipt is posted
 */
public record SimulatorSettings(TruteqSettings truteq, int clickatellPort, int operaPort, WebhookTarget webhooks,
                                Duration receiptDelay) {

    public SimulatorSettings {
        Objects.requireNonNull(truteq, "truteq");
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(receiptDelay, "receiptDelay");
        requirePort("Clickatell", clickatellPort);
        requirePort("Opera", operaPort);
        if (receiptDelay.isNegative()) {
            throw new IllegalArgumentException("the receipt delay cannot be negative, got " + receiptDelay);
        }
    }

    private static void requirePort(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the " + what + " port must be 0 to 65535, not " + port);
        }
    }
}
