package io.richmond.api.ratelimit;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import io.github.bucket4j.ConsumptionProbe;
import io.richmond.api.account.AccountPrincipal;
import io.richmond.api.web.ApiError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spends one token of the caller's bucket per request and says so in the IETF draft's {@code RateLimit-*}
 * headers. Over the limit the answer is 429 with {@code Retry-After}, where the original answered 503
 * "Throttled". Runs after authentication: an anonymous request gets its 401 without spending anything.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimits limits;
    private final JsonMapper mapper;

    public RateLimitFilter(RateLimits limits, JsonMapper mapper) {
        this.limits = limits;
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof AccountPrincipal caller)) {
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe probe = limits.bucket(caller.accountId(), caller.rateLimit())
                .tryConsumeAndReturnRemaining(1);
        response.setHeader("RateLimit-Limit", String.valueOf(limits.limit(caller.rateLimit())));
        response.setHeader("RateLimit-Remaining", String.valueOf(probe.getRemainingTokens()));
        if (probe.isConsumed()) {
            response.setHeader("RateLimit-Reset", String.valueOf(seconds(probe.getNanosToWaitForReset())));
            chain.doFilter(request, response);
            return;
        }
        long wait = seconds(probe.getNanosToWaitForRefill());
        response.setHeader("RateLimit-Reset", String.valueOf(wait));
        response.setHeader("Retry-After", String.valueOf(wait));
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), new ApiError(HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase(),
                null, "more than " + limits.limit(caller.rateLimit()) + " requests in the window; retry in " + wait
                        + " s"));
    }

    /** Whole seconds, rounded up: a client that waits that long is sure to find a token. */
    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
