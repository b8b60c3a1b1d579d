package io.richmond.api.web;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The answer to every error that leaves Spring MVC for the container: Spring Security's 401 and 403 and an exception
 * no handler took. It replaces Spring Boot's {@code BasicErrorController}, which answers a client that accepts
 * {@code text/html} with the HTML "Whitelabel Error Page": here every such error is the API's JSON, whatever the
 * {@code Accept} header says. Not an operation of the API, so the OpenAPI document leaves it out.
 */
@Hidden
@RestController
class ErrorJsonController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        HttpStatus status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        return ApiExceptionHandler.error(status, null, message(status,
                request.getAttribute(RequestDispatcher.ERROR_MESSAGE)));
    }

    private static HttpStatus status(Object code) {
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    /** What the sender of the error said, unless it only repeated the status, as Spring Security does. */
    private static String message(HttpStatus status, Object given) {
        if (status.is5xxServerError()) {
            return ApiExceptionHandler.SERVER_FAULT;
        }
        if (given instanceof String text && !text.isBlank() && !text.equals(status.getReasonPhrase())) {
            return text;
        }
        return status == HttpStatus.UNAUTHORIZED
                ? "give the name and password of an account with HTTP Basic (realm Richmond)"
                : status.getReasonPhrase();
    }
}
