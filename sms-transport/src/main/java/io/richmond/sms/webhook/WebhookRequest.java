package io.richmond.sms.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A provider's call as raw bytes: the body is read here, not by the servlet container's parameter parsing, so that
 * its size is capped before it is held in memory and its charset is ours to choose.
 *
 * @param method      GET or POST
 * @param contentType the body's media type, or {@code null} when it has none
 * @param query       the raw query string, or {@code ""}
 * @param body        the body, at most the configured size
 */
public record WebhookRequest(String method, MediaType contentType, String query, byte[] body) {

    public static WebhookRequest read(HttpServletRequest request, long maxBodySize) {
        MediaType contentType;
        try {
            contentType = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        } catch (InvalidMediaTypeException e) {
            throw new WebhookException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unreadable Content-Type: "
                    + request.getContentType());
        }
        if (request.getContentLengthLong() > maxBodySize) {
            throw tooLarge(maxBodySize);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodySize + 1));
        } catch (IOException e) {
            throw WebhookException.badRequest("Could not read the body: " + e.getMessage());
        }
        if (body.length > maxBodySize) {
            throw tooLarge(maxBodySize);
        }
        String query = request.getQueryString();
        return new WebhookRequest(request.getMethod(), contentType, query == null ? "" : query, body);
    }

    /** The body's charset, UTF-8 when the content type names none. */
    public Charset charset() {
        return contentType != null && contentType.getCharset() != null ? contentType.getCharset()
                : StandardCharsets.UTF_8;
    }

    /** Refuses the call unless its body is one of {@code allowed}; a body without a content type is let through. */
    public void requireContentType(Set<MediaType> allowed) {
        if (body.length == 0 || contentType == null) {
            return;
        }
        if (allowed.stream().noneMatch(type -> type.includes(contentType))) {
            throw new WebhookException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Content-Type "
                    + contentType + ", expected one of " + allowed);
        }
    }

    /** The query's parameters and, for a form post, the body's. */
    public FormData form() {
        String body = this.body.length == 0 ? "" : new String(this.body, StandardCharsets.ISO_8859_1);
        String all = query.isEmpty() ? body : body.isEmpty() ? query : query + "&" + body;
        return FormData.parse(all, charset());
    }

    public boolean bodyIsEmpty() {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the body is XML rather than a form: it starts with {@code <}. */
    public boolean bodyIsXml() {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '<';
            }
        }
        return false;
    }

    private static WebhookException tooLarge(long maxBodySize) {
        return new WebhookException(HttpStatus.CONTENT_TOO_LARGE,
                "Body larger than " + maxBodySize + " bytes (richmond.sms.webhook.max-body-size)");
    }
}
