package io.richmond.sms.opera;

import java.util.Set;

import io.richmond.sms.webhook.ProviderStatus;
import io.richmond.sms.webhook.SmsStatus;

/**
 * Opera's receipt status letters (protocols.md §3.2). Only {@code D} is documented; the groups are Vumi's, and as
 * in Vumi a letter in neither group means the message failed.
 */
final class OperaStatus {

    private static final Set<String> DELIVERED = Set.of("D", "d", "R");
    private static final Set<String> PENDING = Set.of("Q", "P", "B", "a", "u");

    private OperaStatus() {
    }

    static ProviderStatus of(String letter) {
        if (DELIVERED.contains(letter)) {
            return new ProviderStatus("Delivered", SmsStatus.DELIVERED);
        }
        if (PENDING.contains(letter)) {
            return new ProviderStatus("Pending", SmsStatus.SUBMITTED);
        }
        return new ProviderStatus("Not delivered", SmsStatus.FAILED);
    }
}
