package io.richmond.api.account;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Checks HTTP Basic credentials in the order that costs a guesser most and a customer least: a username no account
 * could have is refused without a query, a login whose budget of failures is spent without its password being
 * checked, and only then does {@code delegate} read the account and check the password. Each refusal is counted in
 * {@code richmond.login.failures}, by reason.
 */
final class LoginGuard implements AuthenticationManager {

    private final AuthenticationManager delegate;
    private final LoginThrottle throttle;
    private final Counter malformed;
    private final Counter throttled;
    private final Counter wrong;

    LoginGuard(AuthenticationManager delegate, LoginThrottle throttle, MeterRegistry meters) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.malformed = failures(meters, "malformed");
        this.throttled = failures(meters, "throttled");
        this.wrong = failures(meters, "bad_credentials");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        if (!AccountService.couldBeUsername(username)) {
            malformed.increment();
            throw new BadCredentialsException("Bad credentials");
        }
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.attempt(username, addressOf(authentication));
        } catch (LoginThrottledException e) {
            throttled.increment();
            throw e;
        }
        try {
            Authentication authenticated = delegate.authenticate(authentication);
            attempt.succeeded();
            return authenticated;
        } catch (BadCredentialsException e) {
            // A wrong password or no such account; a database that could not be read is no one's failure.
            attempt.failed();
            wrong.increment();
            throw e;
        }
    }

    private static String addressOf(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
    }

    private static Counter failures(MeterRegistry meters, String reason) {
        return Counter.builder("richmond.login.failures")
                .description("HTTP Basic logins refused: malformed, throttled before their password was checked,"
                        + " or with a wrong password or username")
                .tag("reason", reason)
                .register(meters);
    }
}
