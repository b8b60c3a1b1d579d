package io.richmond.sms.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import io.richmond.sms.WebhookCredentials;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Lets a provider's webhook calls through only with the HTTP Basic credentials configured for that provider. */
public final class BasicAuthFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BasicAuthFilter.class);

    private final String provider;
    private final byte[] expected;

    private BasicAuthFilter(String provider, WebhookCredentials credentials) {
        this.provider = provider;
        String pair = credentials.username() + ":" + (credentials.password() == null ? "" : credentials.password());
        this.expected = ("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The filter for the webhooks under {@code pathPrefix}, or none when no credentials are configured: then the
     * webhooks are open, which is said once at start.
     */
    public static FilterRegistrationBean<BasicAuthFilter> register(String provider, String pathPrefix,
            WebhookCredentials credentials) {
        if (credentials.open()) {
            log.warn("{} webhooks under {} are open: anyone can post receipts and inbound SMS. Set"
                    + " richmond.sms.{}.webhook.username and .password to require HTTP Basic authentication",
                    provider, pathPrefix, provider);
        }
        FilterRegistrationBean<BasicAuthFilter> registration =
                new FilterRegistrationBean<>(new BasicAuthFilter(provider, credentials));
        registration.setEnabled(!credentials.open());
        registration.addUrlPatterns(pathPrefix + "*");
        registration.setName(provider + "WebhookAuthentication");
        return registration;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HttpHeaders.AUTHORIZATION);
        // Constant time, so that the answer's timing does not tell how much of a guess was right.
        if (given != null && MessageDigest.isEqual(expected, given.trim().getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        log.warn("{} {} from {}: {} credentials for the {} webhooks; answered 401", request.getMethod(),
                request.getRequestURI(), request.getRemoteAddr(), given == null ? "no" : "wrong", provider);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Richmond\"");
        response.setContentType(MediaType.TEXT_PLAIN_VALUE);
        response.getWriter().write("Authentication required");
    }
}
