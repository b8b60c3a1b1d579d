package io.richmond.callbacks.http;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.richmond.sdk.net.PublicUrlGuard;
import io.richmond.sdk.net.RefusedUrlException;

/**
 * Posts a callback without holding a thread while it waits ({@code sendAsync}), following redirects itself so that
 * every hop passes the {@link PublicUrlGuard}: the client's own redirects would go anywhere, private addresses too.
 * A redirect re-posts the same body, whatever its code, since a callback turned into a GET would lose its fields;
 * the Basic credentials of the URL go only to its own host.
 */
public final class CallbackHttp {

    public static final String USER_AGENT = "Richmond Callback Client";

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpClient client;
    private final PublicUrlGuard guard;
    private final Duration timeout;
    private final int maxRedirects;

    public CallbackHttp(HttpClient client, PublicUrlGuard guard, Duration timeout, int maxRedirects) {
        this.client = client;
        this.guard = guard;
        this.timeout = timeout;
        this.maxRedirects = maxRedirects;
    }

    /**
     * Completes with the status of the last answer; fails with {@link RefusedUrlException} for a URL (or redirect)
     * that must not be called, and with the client's exception for a timeout or a connection that failed.
     */
    public CompletableFuture<Integer> post(URI url, CallbackBody body, Map<String, String> headers) {
        Optional<String> authorization = CallbackUrls.basicAuthorization(url);
        return hop(CallbackUrls.withoutCredentials(url), url.getHost(), authorization, body, headers, 0);
    }

    private CompletableFuture<Integer> hop(URI target, String credentialsHost, Optional<String> authorization,
            CallbackBody body, Map<String, String> headers, int redirects) {
        HttpRequest request;
        try {
            guard.check(target);
            HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                    .timeout(timeout)
                    .header("User-Agent", USER_AGENT)
                    .header("Content-Type", body.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
            headers.forEach(builder::header);
            if (authorization.isPresent() && credentialsHost.equalsIgnoreCase(target.getHost())) {
                builder.header("Authorization", authorization.get());
            }
            request = builder.build();
        } catch (UnknownHostException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenCompose(response -> {
            Optional<String> location = response.headers().firstValue("Location");
            if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
                return CompletableFuture.completedFuture(response.statusCode());
            }
            if (redirects >= maxRedirects) {
                return CompletableFuture.failedFuture(new IOException("more than " + maxRedirects
                        + " redirects, the last to " + location.get()));
            }
            URI next;
            try {
                next = CallbackUrls.withoutCredentials(target.resolve(location.get()));
            } catch (IllegalArgumentException e) {
                return CompletableFuture.failedFuture(new IOException("redirected to a bad URL '"
                        + location.get() + "'", e));
            }
            return hop(next, credentialsHost, authorization, body, headers, redirects + 1);
        });
    }
}
