package io.richmond.simulators.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A request to one of the fake providers, read whole: its body is capped, since anything on the machine can call.
 *
 * @param contentType the media type without parameters, lower case, or {@code ""}
 * @param charset     the content type's charset, UTF-8 when it names none
 * @param query       the raw query string, or {@code ""}
 */
public record HttpCall(String contentType, Charset charset, String query, byte[] body) {

    /** Larger bodies are answered 413: no provider call comes near it. */
    public static final int MAX_BODY_SIZE = 1024 * 1024;

    static HttpCall read(HttpExchange exchange) throws IOException, HttpProblem {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_SIZE + 1);
        }
        if (body.length > MAX_BODY_SIZE) {
            throw new HttpProblem(413, "Body larger than " + MAX_BODY_SIZE + " bytes");
        }
        String header = exchange.getRequestHeaders().getFirst("Content-Type");
        String contentType = "";
        Charset charset = StandardCharsets.UTF_8;
        if (header != null) {
            String[] parts = header.split(";");
            contentType = parts[0].strip().toLowerCase(Locale.ROOT);
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip();
                if (parameter.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    charset = charsetNamed(parameter.substring("charset=".length()).replace("\"", ""));
                }
            }
        }
        String query = exchange.getRequestURI().getRawQuery();
        return new HttpCall(contentType, charset, query == null ? "" : query, body);
    }

    /** The query's parameters, then a form body's; a body of another content type adds none. */
    public Map<String, String> parameters() throws HttpProblem {
        Map<String, String> parameters = new LinkedHashMap<>();
        try {
            Forms.decode(query, charset).forEach(parameters::putIfAbsent);
            if (contentType.isEmpty() || contentType.equals("application/x-www-form-urlencoded")) {
                Forms.decode(new String(body, StandardCharsets.ISO_8859_1), charset).forEach(parameters::putIfAbsent);
            }
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(400, e.getMessage());
        }
        return parameters;
    }

    private static Charset charsetNamed(String name) throws HttpProblem {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new HttpProblem(415, "Unknown charset " + name);
        }
    }
}
