package io.richmond.callbacks.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/** What one callback posts: every field as a string plus {@code callback_name}, as multipart or JSON. */
public record CallbackBody(byte[] bytes, String contentType) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The original's body (protocols.md §4.4): {@code multipart/form-data}, one part per field. */
    public static CallbackBody multipart(String callbackName, Map<String, String> fields) {
        String boundary = "richmond-" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        withName(callbackName, fields).forEach((name, value) -> {
            write(out, "--" + boundary + "\r\n");
            write(out, "Content-Disposition: form-data; name=\"" + quoted(name) + "\"\r\n\r\n");
            write(out, value == null ? "" : value);
            write(out, "\r\n");
        });
        write(out, "--" + boundary + "--\r\n");
        return new CallbackBody(out.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    /** The same names and values as one flat JSON object. */
    public static CallbackBody json(String callbackName, Map<String, String> fields) {
        return new CallbackBody(JSON.writeValueAsBytes(withName(callbackName, fields)), "application/json");
    }

    private static Map<String, String> withName(String callbackName, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("callback_name", callbackName);
        return all;
    }

    /** RFC 7578 §4.2 percent-encodes the quote and line breaks in a part's name. */
    private static String quoted(String name) {
        return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
