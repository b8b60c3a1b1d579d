package io.richmond.callbacks.http;

/** A URL the dispatcher will not call: a scheme other than http(s) or a forbidden address. Never retried. */
public final class RefusedUrlException extends RuntimeException {

    public RefusedUrlException(String message) {
        super(message);
    }
}
