package io.richmond.api.tracking;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One delivery report as it arrived, kept whether or not it changed the SMS's status; a repeat of one kept is not
 * kept again. Inserted by {@link TrackingStatements#keepReceipt}.
 */
@Entity
@Table(name = "sms_receipt")
public class ReceiptRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "sent_sms_id", nullable = false)
    private Long sentSmsId;

    /** The event's id: a redelivered event is recognised and not applied twice. */
    @Column(name = "event_id", nullable = false, unique = true)
    private String eventId;

    @Column(name = "delivery_status", nullable = false)
    private String deliveryStatus;

    @Column(nullable = false)
    private String status;

    @Column(name = "provider_status")
    private String providerStatus;

    @Column(name = "provider_status_text")
    private String providerStatusText;

    @Column(name = "provider_timestamp")
    private Instant providerTimestamp;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    /** The event's transport_metadata as JSON, the provider's receipt fields included. */
    @Column(name = "transport_metadata", nullable = false)
    private String transportMetadata;

    protected ReceiptRecord() {
    }

    public String getDeliveryStatus() {
        return deliveryStatus;
    }

    public String getStatus() {
        return status;
    }

    public String getProviderStatus() {
        return providerStatus;
    }

    public String getProviderStatusText() {
        return providerStatusText;
    }

    public Instant getProviderTimestamp() {
        return providerTimestamp;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public String getTransportMetadata() {
        return transportMetadata;
    }
}
