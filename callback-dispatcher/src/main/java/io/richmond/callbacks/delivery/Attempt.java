package io.richmond.callbacks.delivery;

import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;

import io.richmond.sdk.net.RefusedUrlException;

/** What one POST came to. */
record Attempt(Kind kind, Integer statusCode, long latencyMs, String error) {

    enum Kind {
        /** A 2xx answer. */
        DELIVERED,
        /** Another answer, a timeout or a failed connection: worth trying again. */
        FAILED,
        /** The URL must not be called: trying again cannot help. */
        REFUSED,
        /** The account was deleted: there is no one left to call, nor a log to write. */
        NO_ACCOUNT
    }

    static Attempt of(Integer statusCode, Throwable failure, long latencyMs) {
        if (failure == null) {
            return statusCode >= 200 && statusCode < 300 ? new Attempt(Kind.DELIVERED, statusCode, latencyMs, null)
                    : new Attempt(Kind.FAILED, statusCode, latencyMs, "HTTP " + statusCode);
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof RefusedUrlException) {
            return new Attempt(Kind.REFUSED, null, latencyMs, "refused: " + cause.getMessage());
        }
        if (cause instanceof HttpTimeoutException) {
            return new Attempt(Kind.FAILED, null, latencyMs, "timed out: " + cause.getMessage());
        }
        return new Attempt(Kind.FAILED, null, latencyMs, cause.toString());
    }

    static Attempt refused(String reason) {
        return new Attempt(Kind.REFUSED, null, 0, "refused: " + reason);
    }

    static Attempt noAccount() {
        return new Attempt(Kind.NO_ACCOUNT, null, 0, null);
    }
}
