package io.richmond.api.callback;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One attempt to deliver a callback, as the dispatcher logged it.
 *
 * @param url without its credentials
 * @param statusCode null when no answer came (timeout, connection failed, refused by the SSRF guard)
 * @param outcome {@code delivered}, {@code retrying} or {@code dead} (redeliverable until redelivered)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeliveryView(String deliveryId, String jobId, long callbackId, String url, int attempt,
        Integer statusCode, long latencyMs, String error, String outcome, String attemptedAt) {
}
