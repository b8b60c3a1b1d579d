package io.richmond.sms.webhook;

import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call one provider's webhooks ({@code richmond.sms.<provider>.webhook.*}). sms-transport does not start
 * while a provider's webhooks would take anyone's word, unless {@code allowUnauthenticated} says that is meant.
 *
 * @param username             the HTTP Basic user name the provider sends; empty only with
 *                             {@code allowUnauthenticated}
 * @param password             its password; empty exactly when {@code username} is
 * @param allowUnauthenticated without credentials, whether the webhooks may be open: anyone who reaches the port
 *                             (and is in {@code allowedNetworks}) can then post receipts and inbound SMS. Has no
 *                             effect when credentials are set
 * @param allowedNetworks      the networks calls may come from, in CIDR notation or as single addresses, IPv4 or
 *                             IPv6; empty: any address. Others are answered 403
 */
public record WebhookAccess(@DefaultValue("") String username, @DefaultValue("") String password,
        @DefaultValue("false") boolean allowUnauthenticated, @DefaultValue List<String> allowedNetworks) {

    public WebhookAccess {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
    }

    /** Whether a user name or a password is set; blank counts as not set. */
    public boolean hasCredentials() {
        return !username.isBlank() || !password.isBlank();
    }

    /** Keeps the password out of logs and error messages. */
    @Override
    public String toString() {
        return "WebhookAccess[username=" + username + ", password=" + (password.isEmpty() ? "" : "***")
                + ", allowUnauthenticated=" + allowUnauthenticated + ", allowedNetworks=" + allowedNetworks + "]";
    }
}
