package io.richmond.sms.clickatell;

import static io.richmond.sms.webhook.SmsStatus.DELIVERED;
import static io.richmond.sms.webhook.SmsStatus.EXPIRED;
import static io.richmond.sms.webhook.SmsStatus.FAILED;
import static io.richmond.sms.webhook.SmsStatus.REJECTED;
import static io.richmond.sms.webhook.SmsStatus.SUBMITTED;

import java.util.Map;

import io.richmond.sms.webhook.ProviderStatus;

/** Clickatell's message status codes (HTTP API v2.3.8 appendix B, plus 014 of later versions; protocols.md §2.3). */
final class ClickatellStatus {

    private static final Map<String, ProviderStatus> TABLE = Map.ofEntries(
            Map.entry("001", new ProviderStatus("Message unknown", SUBMITTED)),
            Map.entry("002", new ProviderStatus("Message queued", SUBMITTED)),
            Map.entry("003", new ProviderStatus("Delivered to gateway", SUBMITTED)),
            Map.entry("004", new ProviderStatus("Received by recipient", DELIVERED)),
            Map.entry("005", new ProviderStatus("Error with message", REJECTED)),
            Map.entry("006", new ProviderStatus("User cancelled message delivery", FAILED)),
            Map.entry("007", new ProviderStatus("Error delivering message", FAILED)),
            Map.entry("008", new ProviderStatus("OK", SUBMITTED)),
            Map.entry("009", new ProviderStatus("Routing error", REJECTED)),
            Map.entry("010", new ProviderStatus("Message expired", EXPIRED)),
            Map.entry("011", new ProviderStatus("Message queued for later delivery", SUBMITTED)),
            Map.entry("012", new ProviderStatus("Out of credit", REJECTED)),
            Map.entry("014", new ProviderStatus("Maximum MT limit exceeded", REJECTED)));

    private ClickatellStatus() {
    }

    /**
     * The meaning of a status as posted: {@code 8} and {@code 008} are the same code. A code in no table (013 has
     * never been seen) is not final: it leaves the message pending for a later receipt to settle.
     */
    static ProviderStatus of(String code) {
        String padded = code.length() < 3 && code.chars().allMatch(Character::isDigit)
                ? "0".repeat(3 - code.length()) + code : code;
        ProviderStatus known = TABLE.get(padded);
        return known != null ? known : new ProviderStatus("Unknown status " + code, SUBMITTED);
    }
}
