package io.richmond.sms.webhook;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * URL-encoded parameters ({@code a=1&b=2}), decoded in the charset the sender names in a {@code charset} parameter
 * when there is one: Clickatell percent-encodes an MO's text in its own charset (ISO-8859-1, say) and says so in
 * that parameter, so decoding everything as UTF-8 would garble it. The first value of a repeated name wins. Bytes
 * that are not text in that charset are refused, not replaced, and so is a NUL character, which no text column
 * downstream can store: refused, the provider learns of it; accepted, the message would be lost after the 2xx.
 */
public record FormData(Map<String, String> values) {

    public FormData {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * @param encoded  the raw parameters, bytes read as ISO-8859-1
     * @param fallback the charset when the parameters name none, typically the request's
     */
    public static FormData parse(String encoded, Charset fallback) {
        // Percent-decode to bytes first, kept in ISO-8859-1 (one char per byte), and pick the charset afterwards.
        Map<String, String> raw = new LinkedHashMap<>();
        if (encoded != null) {
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                raw.putIfAbsent(percentDecode(name), percentDecode(value));
            }
        }
        Charset charset = charsetNamed(raw.get("charset"), fallback);
        Map<String, String> decoded = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            String decodedName = recode(name, charset, "A parameter name");
            decoded.put(decodedName, recode(value, charset, "Parameter " + Printable.of(decodedName)));
        });
        return new FormData(decoded);
    }

    public String get(String name) {
        return values.get(name);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    private static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && isHex(text, i + 1) && isHex(text, i + 2)) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                // Callers hand over the raw bytes as ISO-8859-1, so every char is one byte.
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private static boolean isHex(String text, int index) {
        return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
    }

    /**
     * Strictly: bytes that are not text in the charset are refused rather than replaced, so that what is published
     * is what the provider sent.
     *
     * @throws WebhookException 400 if the bytes are not valid in {@code charset} or hold a NUL
     */
    private static String recode(String latin1, Charset charset, String what) {
        String text;
        try {
            text = charset.newDecoder().decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw WebhookException.badRequest(what + " is not valid " + charset.name());
        }
        if (text.indexOf('\0') >= 0) {
            throw WebhookException.badRequest(what + " contains a NUL character");
        }
        return text;
    }

    private static Charset charsetNamed(String name, Charset fallback) {
        if (name == null || name.isBlank()) {
            return fallback;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return fallback;
        }
    }
}
