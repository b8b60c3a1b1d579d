package io.richmond.api.callback;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.richmond.api.web.ApiDates;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A callback URL as the API shows it (the July 2010 README's shape); {@code format} appears only when it is not
 * the original's {@code multipart}, so that the original's clients see the answer they knew.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CallbackView(long id, String name, String url,
        @JsonInclude(JsonInclude.Include.NON_NULL) String format, String createdAt, String updatedAt) {

    static CallbackView of(CallbackUrl callback) {
        return new CallbackView(callback.getId(), callback.getName(), callback.getUrl(),
                CallbackFormat.MULTIPART.value().equals(callback.getFormat()) ? null : callback.getFormat(),
                ApiDates.format(callback.getCreatedAt()), ApiDates.format(callback.getUpdatedAt()));
    }
}
