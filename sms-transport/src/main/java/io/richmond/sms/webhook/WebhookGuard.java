package io.richmond.sms.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import org.springframework.security.util.matcher.InetAddressMatcher;
import org.springframework.security.util.matcher.InetAddressMatchers;

/**
 * What one provider's webhook call must show: an address in the allowed networks (when there are some) and the
 * provider's HTTP Basic credentials (when there are some).
 */
final class WebhookGuard {

    private static final String BASIC = "basic ";

    private final ProviderWebhook webhook;
    /** Null when calls may come from any address. */
    private final InetAddressMatcher networks;
    /** {@code user:password} as UTF-8, or null when the webhooks are open. */
    private final byte[] credentials;
    private final RefusalLog refusals;

    /** @param webhook settings without {@link ProviderWebhook#problems()} */
    WebhookGuard(ProviderWebhook webhook) {
        this.webhook = webhook;
        WebhookAccess access = webhook.access();
        this.networks = access.allowedNetworks().isEmpty() ? null : networks(access.allowedNetworks());
        this.credentials = access.hasCredentials()
                ? (access.username() + ":" + access.password()).getBytes(StandardCharsets.UTF_8) : null;
        this.refusals = new RefusalLog(webhook.displayName());
    }

    ProviderWebhook webhook() {
        return webhook;
    }

    boolean open() {
        return credentials == null;
    }

    /** Whether a call from {@code remoteAddress} (a literal address, as the servlet container gives it) may pass. */
    boolean admitsAddress(String remoteAddress) {
        if (networks == null) {
            return true;
        }
        try {
            return networks.matches(remoteAddress);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A matcher of these CIDRs or single addresses, IPv4 or IPv6. Host names are refused, so that reading the
     * settings never waits for DNS and a changed DNS record never opens the webhooks.
     *
     * @throws IllegalArgumentException saying what is wrong with one of them
     */
    static InetAddressMatcher networks(List<String> allowed) {
        return InetAddressMatchers.builder().includeAddresses(allowed.stream().map(String::strip).toList()).build();
    }

    /** Whether {@code authorization}, the header as sent or null, carries the provider's credentials. */
    boolean admitsCredentials(String authorization) {
        if (credentials == null) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        // Constant time, so that the answer's timing does not tell how much of a guess was right.
        return MessageDigest.isEqual(credentials, given);
    }

    RefusalLog refusals() {
        return refusals;
    }

    /** For the start log: what a call must show. */
    String describe() {
        List<String> allowed = webhook.access().allowedNetworks();
        String from = allowed.isEmpty() ? "from any address" : "from " + String.join(", ", allowed);
        String provider = webhook.displayName();
        return open()
                ? "The " + provider + " webhooks under " + webhook.pathPrefix() + " are OPEN " + from + ": "
                        + webhook.settingsPrefix() + ".allow-unauthenticated is true and no credentials are set,"
                        + " so anyone who reaches the port can post " + provider + " receipts and inbound SMS"
                : "The " + provider + " webhooks under " + webhook.pathPrefix() + " take calls " + from
                        + " with the HTTP Basic credentials of user '" + webhook.access().username() + "'";
    }
}
