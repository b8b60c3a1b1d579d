package io.richmond.sms.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One provider's webhooks: the paths they are served under, and who may call them. Each provider's configuration
 * declares one; {@link WebhookAccessFilter} guards them all.
 *
 * @param provider   the provider's name in the settings, {@code richmond.sms.<provider>.webhook.*}
 * @param pathPrefix the webhooks' common path, ending in {@code /}
 * @param access     the settings
 */
public record ProviderWebhook(String provider, String pathPrefix, WebhookAccess access) {

    /** The provider's name as people write it: {@code Clickatell}. */
    public String displayName() {
        return Character.toUpperCase(provider.charAt(0)) + provider.substring(1);
    }

    /** {@code richmond.sms.<provider>.webhook}. */
    public String settingsPrefix() {
        return "richmond.sms." + provider + ".webhook";
    }

    /** What keeps these settings from protecting the webhooks, each with its fix; empty when they do. */
    List<WebhookAccessException.Problem> problems() {
        List<WebhookAccessException.Problem> problems = new ArrayList<>();
        String key = settingsPrefix();
        boolean noUsername = access.username().isBlank();
        boolean noPassword = access.password().isBlank();
        if (noUsername && noPassword && !access.allowUnauthenticated()) {
            problems.add(new WebhookAccessException.Problem(
                    key + ".username and .password are empty, so anyone who reaches the port could post "
                            + displayName() + " receipts and inbound SMS",
                    "set " + key + ".username and .password (" + variable(key + ".username") + ", "
                            + variable(key + ".password") + ") to the HTTP Basic credentials configured at "
                            + displayName() + ", or set " + key + ".allow-unauthenticated: true to leave its webhooks"
                            + " open to anyone"));
        } else if (noUsername != noPassword) {
            String missing = noUsername ? ".username" : ".password";
            problems.add(new WebhookAccessException.Problem(
                    key + (noUsername ? ".password" : ".username") + " is set but " + key + missing + " is empty",
                    "set " + key + missing + " (" + variable(key + missing) + ") too"));
        }
        if (access.username().indexOf(':') >= 0) {
            problems.add(new WebhookAccessException.Problem(key + ".username contains ':', which HTTP Basic"
                    + " cannot carry in a user name", "choose a user name without ':'"));
        }
        List<String> networks = access.allowedNetworks();
        for (int i = 0; i < networks.size(); i++) {
            try {
                WebhookGuard.networks(List.of(networks.get(i)));
            } catch (IllegalArgumentException e) {
                problems.add(new WebhookAccessException.Problem(key + ".allowed-networks[" + i + "] '"
                        + networks.get(i) + "' is not a network: " + e.getMessage(),
                        "write networks as CIDRs (196.11.240.0/24, 2001:db8::/32) or single addresses"));
            }
        }
        return problems;
    }

    /** The environment variable that sets {@code key}. */
    private static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
