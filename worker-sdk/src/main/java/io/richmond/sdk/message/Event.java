package io.richmond.sdk.message;

import java.time.Instant;
import java.util.Map;

/**
 * What happened to a user message a transport was asked to send ({@code message_type} {@code event}, protocols.md
 * §5.4): the provider took it ({@code ack}), refused it ({@code nack}) or reported on its delivery
 * ({@code delivery_report}). Each type requires its own field: {@code sentMessageId} for an ack, {@code nackReason}
 * for a nack, {@code deliveryStatus} for a delivery report; {@link MessageCodec} writes only the fields that are set,
 * as Vumi does.
 */
public record Event(String eventId, EventType eventType, String userMessageId, String sentMessageId,
        String nackReason, DeliveryStatus deliveryStatus, String transportName, Map<String, Object> transportMetadata,
        Instant timestamp, Map<String, Object> routingMetadata, Map<String, Object> helperMetadata,
        Map<String, Object> extra) implements Message {

    /** Written in JSON in lower case. */
    public enum EventType {
        ACK, NACK, DELIVERY_REPORT
    }

    /** Written in JSON in lower case. */
    public enum DeliveryStatus {
        PENDING, FAILED, DELIVERED
    }

    public Event {
        Fields.required(eventId, "event_id");
        Fields.required(eventType, "event_type");
        Fields.required(userMessageId, "user_message_id");
        switch (eventType) {
            case ACK -> requiredFor(sentMessageId, "sent_message_id", "an ack");
            case NACK -> requiredFor(nackReason, "nack_reason", "a nack");
            case DELIVERY_REPORT -> requiredFor(deliveryStatus, "delivery_status", "a delivery_report");
        }
        transportMetadata = Fields.map(transportMetadata);
        timestamp = Fields.timestamp(timestamp);
        routingMetadata = Fields.map(routingMetadata);
        helperMetadata = Fields.map(helperMetadata);
        extra = Fields.map(extra);
    }

    /** An event without extra fields. */
    public Event(String eventId, EventType eventType, String userMessageId, String sentMessageId,
            String nackReason, DeliveryStatus deliveryStatus, String transportName,
            Map<String, Object> transportMetadata, Instant timestamp, Map<String, Object> routingMetadata,
            Map<String, Object> helperMetadata) {
        this(eventId, eventType, userMessageId, sentMessageId, nackReason, deliveryStatus, transportName,
                transportMetadata, timestamp, routingMetadata, helperMetadata, Map.of());
    }

    /** The provider accepted {@code message} and knows it as {@code sentMessageId}. */
    public static Event ack(UserMessage message, String sentMessageId) {
        return create(EventType.ACK, message.messageId(), sentMessageId, null, null, message.transportName());
    }

    /** {@code message} could not be sent, for {@code reason}. */
    public static Event nack(UserMessage message, String reason) {
        return create(EventType.NACK, message.messageId(), null, reason, null, message.transportName());
    }

    /**
     * Takes the message id rather than the message because a delivery report arrives long after the message was
     * sent, when all a transport has is the id it stored.
     */
    public static Event deliveryReport(String userMessageId, String transportName, DeliveryStatus status) {
        return create(EventType.DELIVERY_REPORT, userMessageId, null, null, status, transportName);
    }

    private static Event create(EventType type, String userMessageId, String sentMessageId, String nackReason,
            DeliveryStatus status, String transportName) {
        return new Event(Fields.newId(), type, userMessageId, sentMessageId, nackReason, status, transportName,
                Map.of(), Instant.now(), Map.of(), Map.of());
    }

    private static void requiredFor(Object value, String field, String eventType) {
        if (value == null) {
            throw new IllegalArgumentException("missing field " + field + ", which " + eventType + " needs");
        }
    }
}
