package io.richmond.api.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns refusals into {@link ApiError} bodies, so that every 4xx of the API has the same JSON shape. Refusals quote
 * what was given; a huge value is cut in the middle, so the answer stays small and keeps the rule at its end.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final int MAX_ECHO = 1000;

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> refused(ApiException e) {
        return error(e.status(), e.field(), e.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> wrongMethod(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, null, e.getMessage());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> wrongContentType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null,
                "send application/x-www-form-urlencoded or application/json: " + e.getMessage());
    }

    static ResponseEntity<ApiError> error(HttpStatus status, String field, String message) {
        return ResponseEntity.status(status).body(new ApiError(status.getReasonPhrase(), shortened(field),
                shortened(message)));
    }

    private static String shortened(String text) {
        if (text == null || text.length() <= MAX_ECHO) {
            return text;
        }
        int kept = MAX_ECHO / 2;
        return text.substring(0, kept) + " [" + (text.length() - 2 * kept) + " characters left out] "
                + text.substring(text.length() - kept);
    }
}
