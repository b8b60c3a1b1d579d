package io.richmond.sms.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one provider's webhook call must show: an address in the allowed networks (when there are some) and the
 * provider's HTTP Basic credentials (when there are some).
 */
final class WebhookGuard {

    private static final String BASIC = "basic ";

    private final ProviderWebhook webhook;
    private final List<IpNetwork> networks;
    /** {@code user:password} as UTF-8, or null when the webhooks are open. */
    private final byte[] credentials;
    private final RefusalLog refusals;

    /** @param webhook settings without {@link ProviderWebhook#problems()} */
    WebhookGuard(ProviderWebhook webhook) {
        this.webhook = webhook;
        this.networks = webhook.access().allowedNetworks().stream().map(IpNetwork::parse).toList();
        WebhookAccess access = webhook.access();
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
        if (networks.isEmpty()) {
            return true;
        }
        int zone = remoteAddress.indexOf('%');
        return IpNetwork.parseAddress(zone < 0 ? remoteAddress : remoteAddress.substring(0, zone))
                .map(address -> networks.stream().anyMatch(network -> network.contains(address)))
                .orElse(false);
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
        String from = networks.isEmpty() ? "from any address"
                : "from " + networks.stream().map(IpNetwork::toString).collect(Collectors.joining(", "));
        String provider = webhook.displayName();
        return open()
                ? "The " + provider + " webhooks under " + webhook.pathPrefix() + " are OPEN " + from + ": "
                        + webhook.settingsPrefix() + ".allow-unauthenticated is true and no credentials are set,"
                        + " so anyone who reaches the port can post " + provider + " receipts and inbound SMS"
                : "The " + provider + " webhooks under " + webhook.pathPrefix() + " take calls " + from
                        + " with the HTTP Basic credentials of user '" + webhook.access().username() + "'";
    }
}
