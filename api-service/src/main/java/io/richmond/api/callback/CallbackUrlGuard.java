package io.richmond.api.callback;

import java.net.URI;
import java.net.UnknownHostException;

import org.springframework.stereotype.Component;

import io.richmond.api.web.ApiException;
import io.richmond.sdk.net.PublicUrlGuard;
import io.richmond.sdk.net.RefusedUrlException;

/**
 * The SSRF guard when a URL is saved. callback-dispatcher applies the same rules again on every delivery, since
 * DNS answers change; a host that does not resolve now is accepted here for that reason, and judged when called.
 */
@Component
class CallbackUrlGuard {

    private final PublicUrlGuard guard;

    CallbackUrlGuard(CallbackProperties properties) {
        this.guard = new PublicUrlGuard(properties.allowedHosts());
    }

    /** @throws ApiException 400 naming {@code field} when the URL points inside */
    void check(String field, URI uri) {
        try {
            guard.check(uri);
        } catch (RefusedUrlException e) {
            throw ApiException.badRequest(field, e.getMessage());
        } catch (UnknownHostException e) {
            // Judged again when called.
        }
    }
}
