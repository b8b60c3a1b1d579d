package io.richmond.sdk.topology;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.richmond.sdk.amqp.AmqpConnections;
import io.richmond.sdk.amqp.Topology;
import io.richmond.sdk.runner.RunnerConfig;

/**
 * The {@code [amqp]} section of an ini config: {@code uri}, {@code exchange} and {@code prefetch}, each overridden by
 * a non-blank environment variable ({@code RICHMOND_AMQP_URI}, {@code RICHMOND_AMQP_EXCHANGE},
 * {@code RICHMOND_AMQP_PREFETCH}), as in the worker runner's config, so that one file serves every environment.
 */
public record AmqpSettings(URI uri, String exchange, int prefetch) {

    public static final String SECTION = "amqp";

    private static final Set<String> KEYS = Set.of("uri", "exchange", "prefetch");

    public AmqpSettings {
        String scheme = uri.getScheme();
        if (!"amqp".equalsIgnoreCase(scheme) && !"amqps".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("[amqp] uri must be an amqp:// or amqps:// URI, got "
                    + AmqpConnections.redact(uri));
        }
        Topology.checkExchangeName(exchange);
        if (prefetch < 1 || prefetch > 65_535) {
            throw new IllegalArgumentException("[amqp] prefetch must be 1 to 65535, got " + prefetch);
        }
    }

    /** The section's settings with their defaults, and the environment's overrides; the section may be absent. */
    public static AmqpSettings from(IniFile ini, Map<String, String> environment) {
        Map<String, String> section = ini.sections().getOrDefault(SECTION, Map.of());
        for (String key : section.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(ini.source() + ": unknown key " + key + " in [amqp]; known keys: "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        String uri = value(section, environment, "uri", RunnerConfig.DEFAULT_AMQP_URI.toString());
        String prefetch = value(section, environment, "prefetch", "20");
        try {
            return new AmqpSettings(new URI(uri), value(section, environment, "exchange", Topology.DEFAULT_EXCHANGE),
                    Integer.parseInt(prefetch));
        } catch (URISyntaxException e) {
            // Not the text itself: it may hold the password.
            throw new IllegalArgumentException("[amqp] uri is not a URI: " + e.getReason() + " at index "
                    + e.getIndex());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("[amqp] prefetch must be a whole number, got '" + prefetch + "'");
        }
    }

    private static String value(Map<String, String> section, Map<String, String> environment, String key,
            String fallback) {
        String fromEnvironment = environment.get("RICHMOND_AMQP_" + key.toUpperCase(Locale.ROOT));
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.trim();
        }
        String value = section.get(key);
        return value == null || value.isBlank() ? fallback : value;
    }
}
