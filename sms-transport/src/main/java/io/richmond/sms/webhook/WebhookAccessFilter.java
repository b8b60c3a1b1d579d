package io.richmond.sms.webhook;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Lets a call to a provider's webhooks through only from that provider's allowed networks (else 403) and with its
 * HTTP Basic credentials (else 401). Each provider's settings open only its own webhooks.
 */
public final class WebhookAccessFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(WebhookAccessFilter.class);

    private final List<WebhookGuard> guards;

    private WebhookAccessFilter(List<WebhookGuard> guards) {
        this.guards = guards;
    }

    /**
     * The filter for these webhooks, once each is protected or explicitly open; says at start how each is guarded,
     * with a WARN for those open to anyone.
     *
     * @throws WebhookAccessException naming every setting to fix, of every provider
     */
    public static WebhookAccessFilter of(List<ProviderWebhook> webhooks) {
        List<WebhookAccessException.Problem> problems = new ArrayList<>();
        webhooks.forEach(webhook -> problems.addAll(webhook.problems()));
        if (!problems.isEmpty()) {
            throw new WebhookAccessException(problems);
        }
        List<WebhookGuard> guards = webhooks.stream().map(WebhookGuard::new).toList();
        for (WebhookGuard guard : guards) {
            if (guard.open()) {
                log.warn(guard.describe());
            } else {
                log.info(guard.describe());
            }
        }
        return new WebhookAccessFilter(guards);
    }

    /** The URL patterns the filter must see: every provider's webhooks. */
    public List<String> urlPatterns() {
        return guards.stream().map(guard -> guard.webhook().pathPrefix() + "*").toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The path as the container decoded and mapped it, so that an encoded or padded path cannot slip past.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        WebhookGuard guard = guards.stream().filter(candidate -> path.startsWith(candidate.webhook().pathPrefix()))
                .findFirst().orElse(null);
        String call = request.getMethod() + " " + request.getRequestURI() + " from " + request.getRemoteAddr();
        // Mapped to the guards' paths only: a call that none of them covers is refused, not let through.
        if (guard == null || !guard.admitsAddress(request.getRemoteAddr())) {
            if (guard != null) {
                guard.refusals().refused(call + ": not in the allowed networks; answered 403");
            }
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden");
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (!guard.admitsCredentials(authorization)) {
            guard.refusals().refused(call + ": " + (authorization == null ? "no" : "wrong")
                    + " credentials; answered 401");
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Richmond\"");
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "Authentication required");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, int status, String reason) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.TEXT_PLAIN_VALUE);
        response.getWriter().write(reason);
    }
}
