package io.richmond.sms.webhook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.richmond.sdk.message.Event;

/**
 * A provider's delivery receipt, normalized.
 *
 * @param userMessageId     the outbound message's id when the receipt carries it, else the provider's message id
 * @param providerMessageId the provider's id of the sent message
 * @param providerStatus    the raw status code as the provider sent it
 * @param meaning           what that code means
 * @param providerTimestamp when the provider says the status was reached, {@code YYYY-MM-DD HH:MM:SS}, or null
 * @param fields            every field of the receipt as received
 */
public record DeliveryReceipt(String userMessageId, String providerMessageId, String providerStatus,
        ProviderStatus meaning, String providerTimestamp, Map<String, String> fields) {

    /**
     * The {@code delivery_report} event of messaging.md "SMS on the bus". Its {@code event_id} is the same whenever
     * the provider sends this receipt again: same transport, provider message id, status and provider timestamp.
     */
    public Event toEvent(String transportName) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("provider_message_id", providerMessageId);
        metadata.put("provider_status", providerStatus);
        metadata.put("provider_status_text", meaning.text());
        metadata.put("status", meaning.status().wireName());
        metadata.put("provider_timestamp", providerTimestamp);
        metadata.put("receipt", new LinkedHashMap<>(fields));
        String eventId = NameBasedId.of("delivery_report", transportName, providerMessageId, providerStatus,
                providerTimestamp);
        return new Event(eventId, Event.EventType.DELIVERY_REPORT,
                userMessageId, null, null, meaning.status().deliveryStatus(), transportName, metadata, Instant.now(),
                Map.of(), Map.of());
    }
}
