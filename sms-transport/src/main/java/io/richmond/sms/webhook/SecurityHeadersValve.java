package io.richmond.sms.webhook;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import jakarta.servlet.ServletException;

/**
 * The headers Spring Security adds to every answer of api-service, on every answer of this port too. A valve of
 * Tomcat's engine, not a servlet filter, so that Tomcat's own refusals of requests it cannot parse (headers over the
 * limit, an encoded slash), which never reach a filter, carry them as well; set before anything else runs, so that
 * no later refusal goes out without them. Nothing here is meant for a browser: no sniffing of a type (the Opera echo
 * is XML a browser could take for HTML), no framing, no caching of what a provider posted.
 */
final class SecurityHeadersValve extends ValveBase {

    SecurityHeadersValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Expires", "0");
        response.setHeader("X-XSS-Protection", "0");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
        }
        getNext().invoke(request, response);
    }
}
