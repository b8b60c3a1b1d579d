package io.richmond.api.callback;

import io.richmond.api.web.ApiDates;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A callback URL as the API shows it (the July 2010 README's shape). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CallbackView(long id, String name, String url, String createdAt, String updatedAt) {

    static CallbackView of(CallbackUrl callback) {
        return new CallbackView(callback.getId(), callback.getName(), callback.getUrl(),
                ApiDates.format(callback.getCreatedAt()), ApiDates.format(callback.getUpdatedAt()));
    }
}
