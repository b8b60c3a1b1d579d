package io.richmond.sms;

/**
 * The HTTP Basic credentials a provider must send to its webhooks; both blank means the webhooks are open.
 *
 * @param username the user name configured at the provider; blank to leave the webhooks open
 * @param password the password configured at the provider
 */
public record WebhookCredentials(String username, String password) {

    public boolean open() {
        return username == null || username.isBlank();
    }
}
