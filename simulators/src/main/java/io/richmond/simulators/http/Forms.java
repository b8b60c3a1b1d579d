package io.richmond.simulators.http;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** URL-encoded parameters ({@code a=1&b=2}), as the providers' HTTP APIs take and send them. */
public final class Forms {

    private Forms() {
    }

    /** The parameters in order; when a name repeats, its first value wins. */
    public static Map<String, String> decode(String encoded, Charset charset) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                parameters.putIfAbsent(URLDecoder.decode(name, charset), URLDecoder.decode(value, charset));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad percent-encoding in parameter '" + pair + "'", e);
            }
        }
        return Collections.unmodifiableMap(parameters);
    }

    /** UTF-8, in the map's order. */
    public static String encode(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(parameter -> URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
