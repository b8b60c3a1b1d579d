package io.richmond.sms.webhook;

/**
 * A provider's status code with what it means.
 *
 * @param text   the provider's label for the code
 * @param status what it means in Richmond's terms
 */
public record ProviderStatus(String text, SmsStatus status) {
}
