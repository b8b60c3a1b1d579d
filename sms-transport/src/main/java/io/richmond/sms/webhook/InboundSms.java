package io.richmond.sms.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

import io.richmond.sdk.message.UserMessage;

/**
 * An SMS a provider received for us, normalized.
 *
 * @param to                the number it was sent to, as the provider wrote it
 * @param from              the sender, as the provider wrote it
 * @param content           the text
 * @param providerMessageId the provider's id for it
 * @param receivedAt        when the provider received it, UTC, {@code YYYY-MM-DD HH:MM:SS}
 * @param charset           the charset the provider named, or null
 * @param udh               the user data header of one part of a long message, or null
 * @param network           the sender's mobile network when the provider says, or null
 */
public record InboundSms(String to, String from, String content, String providerMessageId, String receivedAt,
        String charset, String udh, String network) {

    /**
     * The inbound {@code user_message} of messaging.md "SMS on the bus". Its {@code message_id} is the same whenever
     * the provider sends this SMS again (same transport and provider id); random if the provider gave no id.
     */
    public UserMessage toUserMessage(String transportName) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("provider_message_id", providerMessageId);
        metadata.put("received_at", receivedAt);
        metadata.put("charset", charset);
        if (udh != null && !udh.isEmpty()) {
            metadata.put("udh", udh);
        }
        UserMessage.Builder message = UserMessage.builder();
        if (providerMessageId != null && !providerMessageId.isBlank()) {
            message.messageId(NameBasedId.of("user_message", transportName, providerMessageId));
        }
        return message
                .toAddr(to).fromAddr(from).content(content)
                .transportName(transportName).transportType("sms").transportMetadata(metadata)
                .provider(network)
                .build();
    }
}
