package io.richmond.sms.webhook;

import org.springframework.http.HttpStatus;

/** Ends a webhook call with {@code status} and {@code reason} as a plain-text body the provider's staff can read. */
public class WebhookException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;

    public WebhookException(HttpStatus status, String reason) {
        super(reason);
        this.status = status;
    }

    public static WebhookException badRequest(String reason) {
        return new WebhookException(HttpStatus.BAD_REQUEST, reason);
    }

    public HttpStatus status() {
        return status;
    }
}
