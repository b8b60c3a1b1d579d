package io.richmond.callbacks.store;

import java.time.Instant;

/**
 * One POST tried, as the delivery log keeps it.
 *
 * @param url without its credentials
 * @param statusCode null when no answer came
 * @param outcome {@code delivered}, {@code retrying} or {@code dead}
 */
public record AttemptRecord(String deliveryId, String jobId, long accountId, long callbackUrlId, String url,
        int attempt, Integer statusCode, long latencyMs, String error, String outcome, Instant attemptedAt) {
}
