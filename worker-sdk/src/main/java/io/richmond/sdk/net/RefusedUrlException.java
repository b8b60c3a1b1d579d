package io.richmond.sdk.net;

/** A URL Richmond will not call: a scheme other than http(s) or a forbidden address. Retrying cannot help. */
public final class RefusedUrlException extends RuntimeException {

    public RefusedUrlException(String message) {
        super(message);
    }
}
