package io.richmond.api.account;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

import io.richmond.api.web.ApiError;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 for credentials found wrong, but 503 with {@code Retry-After} for credentials that could not be checked
 * because the accounts could not be read (PostgreSQL restarting, say): a client told its password is wrong stops
 * sending, and the messages it holds are never sent; a client told to come back in a second sends them then. A
 * login refused by the {@link LoginThrottle} answers 429 with {@code Retry-After}, in the API's JSON shape.
 */
final class UncheckedCredentialsEntryPoint implements AuthenticationEntryPoint {

    private static final Logger log = LoggerFactory.getLogger(UncheckedCredentialsEntryPoint.class);

    private final BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
    private final JsonMapper mapper;

    UncheckedCredentialsEntryPoint(String realm, JsonMapper mapper) {
        basic.setRealmName(realm);
        this.mapper = mapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        if (failure instanceof LoginThrottledException throttled) {
            response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
            write(response, HttpStatus.TOO_MANY_REQUESTS, throttled.getMessage() + "; retry in "
                    + throttled.retryAfterSeconds() + " s");
            return;
        }
        if (!(failure instanceof InternalAuthenticationServiceException)) {
            basic.commence(request, response, failure);
            return;
        }
        log.warn("{} {}: could not check the credentials ({}); answered 503", request.getMethod(),
                request.getRequestURI(), failure.getCause() == null ? failure : failure.getCause().toString());
        response.setHeader("Retry-After", "1");
        write(response, HttpStatus.SERVICE_UNAVAILABLE, "Could not check your credentials just now; try again in a"
                + " second");
    }

    private void write(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), new ApiError(status.getReasonPhrase(), null, message));
    }
}
