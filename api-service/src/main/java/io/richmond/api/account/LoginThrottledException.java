package io.richmond.api.account;

import java.util.concurrent.TimeUnit;

import org.springframework.security.core.AuthenticationException;

/** A login refused before its password was checked, because its budget of failures is spent: a 429. */
final class LoginThrottledException extends AuthenticationException {

    private final long retryAfterSeconds;

    LoginThrottledException(String why, long nanosToWait) {
        super(why);
        // Whole seconds, rounded up: a client that waits that long finds a token.
        this.retryAfterSeconds = Math.max(1, (nanosToWait + TimeUnit.SECONDS.toNanos(1) - 1)
                / TimeUnit.SECONDS.toNanos(1));
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
