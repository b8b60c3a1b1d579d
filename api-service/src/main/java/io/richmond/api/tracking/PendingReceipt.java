package io.richmond.api.tracking;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A delivery report that names an SMS by a provider id no ack has reported yet (Opera can post its receipt
 * before the send call returned); applied when that ack arrives.
 */
@Entity
@Table(name = "pending_receipt")
class PendingReceipt {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "transport_name", nullable = false)
    private String transportName;

    @Column(name = "provider_message_id", nullable = false)
    private String providerMessageId;

    /** The event as it came off the bus. */
    @Column(nullable = false)
    private String event;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    protected PendingReceipt() {
    }

    PendingReceipt(String transportName, String providerMessageId, String event, Instant receivedAt) {
        this.transportName = transportName;
        this.providerMessageId = providerMessageId;
        this.event = event;
        this.receivedAt = receivedAt;
    }

    String getProviderMessageId() {
        return providerMessageId;
    }

    String getEvent() {
        return event;
    }
}
