package io.richmond.callbacks.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** A callback URL's parts the dispatcher treats apart: the credentials in it, and the host it limits. */
public final class CallbackUrls {

    private CallbackUrls() {
    }

    /** The URL without {@code user:pass@}: what is logged and called. */
    public static URI withoutCredentials(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                    uri.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot take the credentials out of a URL", e);
        }
    }

    /** {@code Basic ...} from the URL's {@code user:pass@}, decoded as the user typed them. */
    public static Optional<String> basicAuthorization(URI uri) {
        String userInfo = uri.getUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }

    /** What the per-host limit counts by: scheme, host and port. */
    public static String hostKey(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    }
}
