package io.richmond.api.keyword;

import io.richmond.api.web.ApiDates;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A keyword as the API shows it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record KeywordView(long id, String number, String keyword, String createdAt) {

    static KeywordView of(Keyword keyword) {
        return new KeywordView(keyword.getId(), keyword.getNumber(), keyword.getKeyword(),
                ApiDates.format(keyword.getCreatedAt()));
    }
}
