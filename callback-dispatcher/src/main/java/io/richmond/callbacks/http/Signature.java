package io.richmond.callbacks.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Richmond-Signature}: {@code sha256=} and the hex HMAC-SHA256, keyed with the account's secret (its UTF-8
 * bytes), of {@code <timestamp>.<body>}. The timestamp is in the signed text so that a captured request cannot be
 * replayed later with a fresh one.
 */
public final class Signature {

    private Signature() {
    }

    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            // Every JRE has HmacSHA256; reaching this is a broken runtime, not bad input.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
