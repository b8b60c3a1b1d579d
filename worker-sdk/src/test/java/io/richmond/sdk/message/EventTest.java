package io.richmond.sdk.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import io.richmond.sdk.message.Event.DeliveryStatus;
import io.richmond.sdk.message.Event.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventTest {

    private final UserMessage sent = UserMessage.builder().toAddr("+27831234567").fromAddr("32323")
            .transportName("opera_transport").transportType("sms").content("hello")
            .routingMetadata(Map.of("endpoint_name", "default")).build();

    @Test
    void ackNamesTheMessageAndTheProvidersId() {
        Event ack = Event.ack(sent, "abc123");

        assertThat(ack.eventId()).matches("[0-9a-f]{32}");
        assertThat(ack.eventType()).isEqualTo(EventType.ACK);
        assertThat(ack.userMessageId()).isEqualTo(sent.messageId());
        assertThat(ack.sentMessageId()).isEqualTo("abc123");
        assertThat(ack.nackReason()).isNull();
        assertThat(ack.deliveryStatus()).isNull();
        assertThat(ack.transportName()).isEqualTo("opera_transport");
        assertThat(ack.transportMetadata()).isEmpty();
    }

    @Test
    void nackGivesTheReason() {
        Event nack = Event.nack(sent, "(402, 'Payment Required')");

        assertThat(nack.eventType()).isEqualTo(EventType.NACK);
        assertThat(nack.userMessageId()).isEqualTo(sent.messageId());
        assertThat(nack.nackReason()).isEqualTo("(402, 'Payment Required')");
        assertThat(nack.sentMessageId()).isNull();
        assertThat(nack.transportName()).isEqualTo("opera_transport");
    }

    @Test
    void deliveryReportNeedsOnlyTheMessageId() {
        Event report = Event.deliveryReport("123456", "opera_transport", DeliveryStatus.DELIVERED);

        assertThat(report.eventType()).isEqualTo(EventType.DELIVERY_REPORT);
        assertThat(report.userMessageId()).isEqualTo("123456");
        assertThat(report.deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(report.transportName()).isEqualTo("opera_transport");
        assertThat(report.eventId()).isNotEqualTo(
                Event.deliveryReport("123456", "opera_transport", DeliveryStatus.DELIVERED).eventId());
    }

    @ParameterizedTest
    @CsvSource({
            "ACK,             'missing field sent_message_id, which an ack needs'",
            "NACK,            'missing field nack_reason, which a nack needs'",
            "DELIVERY_REPORT, 'missing field delivery_status, which a delivery_report needs'",
    })
    void requiresTheFieldOfItsType(EventType type, String reason) {
        assertThatThrownBy(() -> new Event("e1", type, "m1", null, null, null, "opera_transport", null,
                Instant.now(), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(reason);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "null, ACK,  m1,   event_id",
            "e1,   null, m1,   event_type",
            "e1,   ACK,  null, user_message_id",
    })
    void requiresItsIds(String eventId, EventType type, String userMessageId, String field) {
        assertThatThrownBy(() -> new Event(eventId, type, userMessageId, "abc123", null, null, null, null,
                Instant.now(), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing field " + field);
    }

    @Test
    void nullMetadataIsEmpty() {
        Event event = new Event("e1", EventType.ACK, "m1", "abc123", null, null, null, null, Instant.now(), null,
                null);

        assertThat(event.transportMetadata()).isEmpty();
        assertThat(event.routingMetadata()).isEmpty();
        assertThat(event.helperMetadata()).isEmpty();
        assertThat(event.extra()).isEmpty();
    }
}
