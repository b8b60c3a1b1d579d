package io.richmond.api.account;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Callback secrets: 256 random bits as 64 hex digits, the same shape V3 gives the accounts it found. */
final class CallbackSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CallbackSecrets() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
