package io.richmond.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error answer.
 *
 * @param error the HTTP reason phrase
 * @param field the request parameter at fault, when one is
 * @param message what was wrong, in words a client can act on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String field, String message) {
}
