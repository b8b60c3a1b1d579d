package io.richmond.sms.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import jakarta.servlet.http.HttpServletRequest;

/** Answers a failed webhook call with its status and the reason as plain text, and logs what was refused. */
@RestControllerAdvice
class WebhookErrors {

    private static final Logger log = LoggerFactory.getLogger(WebhookErrors.class);

    @ExceptionHandler(WebhookException.class)
    ResponseEntity<String> refused(WebhookException e, HttpServletRequest request) {
        if (e.status().is5xxServerError()) {
            log.error("{} {}: {}; answered {} so that the provider sends it again", request.getMethod(),
                    request.getRequestURI(), e.getMessage(), e.status().value());
        } else {
            log.warn("{} {} from {}: {}; answered {}, nothing published", request.getMethod(),
                    request.getRequestURI(), request.getRemoteAddr(), e.getMessage(), e.status().value());
        }
        return ResponseEntity.status(e.status()).contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }
}
