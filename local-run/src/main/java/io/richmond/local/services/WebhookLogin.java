package io.richmond.local.services;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The HTTP Basic credentials sms-transport's webhooks want in a local run, and the simulators send: new at every
 * run, so that the webhooks, which listen on every interface, take nobody's word but the simulators'.
 *
 * @param username the same for both providers
 * @param password 32 random hex digits
 */
public record WebhookLogin(String username, String password) {

    static final String USERNAME = "simulators";

    public static WebhookLogin generate() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return new WebhookLogin(USERNAME, HexFormat.of().formatHex(random));
    }

    /** Keeps the password out of logs. */
    @Override
    public String toString() {
        return "WebhookLogin[username=" + username + "]";
    }
}
