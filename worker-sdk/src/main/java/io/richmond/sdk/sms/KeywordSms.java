package io.richmond.sdk.sms;

import java.util.Map;
import java.util.Optional;

import io.richmond.sdk.message.UserMessage;

/**
 * What api-service adds to an SMS it hands to a keyword's workers ({@code helper_metadata.richmond}).
 *
 * @param accountId the account the SMS belongs to
 * @param receivedSmsId its id among the account's received SMS (the {@code sms_received} callback's {@code id})
 * @param keyword the keyword it started with, lower case
 */
public record KeywordSms(long accountId, long receivedSmsId, String keyword) {

    /** Empty when the message did not come from {@code keyword.<keyword>}. */
    public static Optional<KeywordSms> of(UserMessage message) {
        if (message.helperMetadata().get("richmond") instanceof Map<?, ?> richmond
                && richmond.get("account_id") instanceof Number accountId
                && richmond.get("received_sms_id") instanceof Number receivedSmsId
                && richmond.get("keyword") instanceof String keyword) {
            return Optional.of(new KeywordSms(accountId.longValue(), receivedSmsId.longValue(), keyword));
        }
        return Optional.empty();
    }
}
