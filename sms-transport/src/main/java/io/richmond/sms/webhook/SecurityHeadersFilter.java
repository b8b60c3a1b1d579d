package io.richmond.sms.webhook;

import java.io.IOException;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers Spring Security adds to every answer of api-service, on every answer of this port too, errors
 * included: set before anything else runs, so that no later refusal goes out without them. Nothing here is meant
 * for a browser: no sniffing of a type (the Opera echo is XML a browser could take for HTML), no framing, no caching
 * of what a provider posted.
 */
public final class SecurityHeadersFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Expires", "0");
        response.setHeader("X-XSS-Protection", "0");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
        }
        chain.doFilter(request, response);
    }

    /** An error page rendered after a reset response still gets the headers. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
