package io.richmond.api.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns refusals, the API's own and Spring MVC's (405, 415, a missing header, an unmapped path...), into
 * {@link ApiError} bodies, so that every error of the API has the same JSON shape. The body is JSON whatever the
 * client's {@code Accept} says: an error is never made worse by negotiating its format, and a client's mistake is
 * answered without a stack trace in the log. Refusals quote what was given; a huge value is cut in the middle, so
 * the answer stays small and keeps the rule at its end.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final int MAX_ECHO = 1000;
    /** A server fault's own message may name its internals; the log has it. */
    static final String SERVER_FAULT = "the service failed to answer this request; the failure is logged";

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> refused(ApiException e) {
        return error(e.status(), e.field(), e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, body(status, null,
                "send application/x-www-form-urlencoded or application/json: " + detail(e)), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, body(status, "body", "the multipart form has more parts or bytes than"
                + " server.tomcat.max-part-count and spring.servlet.multipart.* allow: send many recipients as"
                + " application/x-www-form-urlencoded or application/json"), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (status.is5xxServerError()) {
            log.error("{} answered {}", request.getDescription(false), status.value(), e);
        }
        ApiError error = body instanceof ApiError given ? given
                : body(status, null, status.is5xxServerError() ? SERVER_FAULT : detail(e));
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_JSON).body(error);
    }

    static ResponseEntity<ApiError> error(HttpStatusCode status, String field, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(body(status, field, message));
    }

    private static ApiError body(HttpStatusCode status, String field, String message) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return new ApiError(known == null ? String.valueOf(status.value()) : known.getReasonPhrase(),
                shortened(field), shortened(message));
    }

    private static String detail(Exception e) {
        if (e instanceof ErrorResponse response && response.getBody().getDetail() != null) {
            return response.getBody().getDetail();
        }
        return e.getMessage();
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
