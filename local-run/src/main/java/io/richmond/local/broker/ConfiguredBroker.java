package io.richmond.local.broker;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/** The broker named by RICHMOND_AMQP_URI: a RabbitMQ the user runs, used instead of an embedded one. */
public record ConfiguredBroker(URI uri) implements Broker {

    static final String VARIABLE = "RICHMOND_AMQP_URI";

    /** The broker of the environment, or empty when none is named and the local run should embed one. */
    public static Optional<ConfiguredBroker> fromEnvironment(Map<String, String> environment) {
        String value = environment.getOrDefault(VARIABLE, "").strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            if (!"amqp".equals(uri.getScheme()) && !"amqps".equals(uri.getScheme())) {
                throw new IllegalArgumentException(VARIABLE + " must be an amqp:// or amqps:// URI, got '"
                        + redact(uri) + "'");
            }
            return Optional.of(new ConfiguredBroker(uri));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(VARIABLE + " is not a URI: " + e.getMessage(), e);
        }
    }

    @Override
    public String displayUri() {
        return redact(uri);
    }

    @Override
    public String description() {
        return redact(uri) + " (from " + VARIABLE + ")";
    }

    @Override
    public void close() {
    }

    /** The URI with its password masked, for output. */
    static String redact(URI uri) {
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || !userInfo.contains(":")) {
            return uri.toString();
        }
        String user = userInfo.substring(0, userInfo.indexOf(':'));
        return uri.toString().replace("//" + userInfo + "@", "//" + user + ":****@");
    }
}
