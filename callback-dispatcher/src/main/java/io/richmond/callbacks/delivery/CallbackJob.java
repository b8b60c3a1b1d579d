package io.richmond.callbacks.delivery;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A job of {@code callbacks.jobs} as api-service's README describes it; the dispatcher's one-URL deliveries have the
 * same shape, so that api-service can redeliver one by publishing it to {@code callbacks.jobs} again.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallbackJob(String jobId, long accountId, String callbackName, List<Target> urls,
        Map<String, String> fields, String createdAt) {

    /** @param format {@code multipart} (the original's body, and the default when absent) or {@code json} */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Target(long id, String url, String format) {

        public boolean json() {
            return "json".equals(format);
        }
    }

    /** The same job for one of its URLs. */
    CallbackJob only(Target target) {
        return new CallbackJob(jobId, accountId, callbackName, List.of(target), fields, createdAt);
    }

    Target target() {
        if (urls == null || urls.size() != 1) {
            throw new IllegalStateException("a delivery has one URL, job " + jobId + " has " + urls);
        }
        return urls.get(0);
    }

    /**
     * Stable across retries and redeliveries, and across a job that api-service's outbox published twice, so the
     * receiver can drop what it has seen.
     */
    String deliveryId() {
        return jobId + "-" + target().id();
    }
}
