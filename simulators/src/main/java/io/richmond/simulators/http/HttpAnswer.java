package io.richmond.simulators.http;

import java.nio.charset.StandardCharsets;

/** What a fake provider answers: status, content type, body. */
public record HttpAnswer(int status, String contentType, byte[] body) {

    public static HttpAnswer text(int status, String text) {
        return new HttpAnswer(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpAnswer xml(String xml) {
        return new HttpAnswer(200, "text/xml; charset=utf-8", xml.getBytes(StandardCharsets.UTF_8));
    }
}
