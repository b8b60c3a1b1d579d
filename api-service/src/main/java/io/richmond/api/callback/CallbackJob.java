package io.richmond.api.callback;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What the callback dispatcher needs to deliver one callback, published to {@code callbacks.jobs} (format in the
 * README).
 *
 * @param urls the account's URLs for the name when the job was made: a URL added later is not called for it
 * @param fields the form fields to post, every value a string, dates {@code YYYY-MM-DD HH:MM:SS}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CallbackJob(String jobId, long accountId, String callbackName, List<Target> urls,
        Map<String, String> fields, String createdAt) {

    /** @param format {@code multipart} or {@code json}: the body this URL gets */
    public record Target(long id, String url, String format) {
    }
}
