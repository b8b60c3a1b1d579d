package io.richmond.simulators.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the fake providers post receipts and inbound SMS: sms-transport's base URL, and the HTTP Basic credentials
 * it wants from the providers, if any.
 *
 * @param username null when the webhooks are open
 * @param password null exactly when {@code username} is
 */
public record WebhookTarget(URI baseUrl, String username, String password) {

    public WebhookTarget {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the webhook base URL must be http(s)://host[:port][/path], not '"
                    + baseUrl + "'");
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("the webhook base URL must have no query or fragment, not '"
                    + baseUrl + "'");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("give both the webhook username and password, or neither");
        }
        if (username != null && username.contains(":")) {
            throw new IllegalArgumentException("an HTTP Basic username cannot contain ':'");
        }
    }

    /** The URL of a webhook, {@code path} starting with {@code /}. */
    public URI resolve(String path) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    /** The {@code Authorization} header value, when there are credentials. */
    public Optional<String> authorization() {
        if (username == null) {
            return Optional.empty();
        }
        return Optional.of("Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** Keeps the password out of output. */
    @Override
    public String toString() {
        return baseUrl + (username == null ? "" : " (as " + username + ")");
    }
}
