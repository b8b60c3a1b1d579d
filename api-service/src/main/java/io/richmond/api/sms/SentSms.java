package io.richmond.api.sms;

import java.util.Locale;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.richmond.sdk.message.SmsEncoding;

/** An SMS a customer asked us to send, and everything the providers told us about it since. */
@Entity
@Table(name = "sent_sms")
public class SentSms {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sent_sms_seq")
    // Matches the sequence's increment: a batch of 100 recipients takes its ids in one call.
    @SequenceGenerator(name = "sent_sms_seq", sequenceName = "sent_sms_seq", allocationSize = 100)
    private Long id;

    @Column(name = "account_id", nullable = false)
    private Long accountId;

    /** The 32-hex id of its user_message on the bus. */
    @Column(name = "message_id", nullable = false, unique = true)
    private String messageId;

    @Column(name = "to_msisdn", nullable = false)
    private String toMsisdn;

    @Column(name = "from_msisdn", nullable = false)
    private String fromMsisdn;

    @Column(nullable = false)
    private String charset;

    @Column(nullable = false)
    private String message;

    @Column(nullable = false)
    private String encoding;

    @Column(nullable = false)
    private int segments;

    @Column(name = "transport_name", nullable = false)
    private String transportName;

    /** The provider's id for it, from the ack; empty until then. */
    @Column(name = "transport_msg_id", nullable = false)
    private String transportMsgId = "";

    /** The provider's raw status code from the receipt that set {@link #status}; empty before any. */
    @Column(name = "transport_status", nullable = false)
    private String transportStatus = "";

    @Column(name = "transport_status_display", nullable = false)
    private String transportStatusDisplay = "";

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SmsStatus status = SmsStatus.QUEUED;

    @Column(name = "failure_reason")
    private String failureReason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "published_at")
    private Instant publishedAt;

    protected SentSms() {
    }

    public SentSms(Long accountId, String messageId, Gateway gateway, String toMsisdn, String fromMsisdn,
            String message, SmsEncoding encoding, Instant now) {
        this.accountId = accountId;
        this.messageId = messageId;
        this.transportName = gateway.transportName();
        this.toMsisdn = toMsisdn;
        this.fromMsisdn = fromMsisdn;
        this.message = message;
        this.charset = encoding.encoding().equals(SmsEncoding.GSM7) ? "gsm7" : "ucs2";
        this.encoding = encoding.encoding();
        this.segments = encoding.segments();
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The provider took it and calls it {@code providerId}. */
    public void acknowledged(String providerId, Instant now) {
        this.transportMsgId = providerId;
        this.updatedAt = now;
        moveTo(SmsStatus.SUBMITTED);
    }

    /** The provider refused it; a refusal after a final status changes nothing but the history. */
    public void refused(String reason, Instant now) {
        if (moveTo(SmsStatus.REJECTED)) {
            this.failureReason = reason;
            this.updatedAt = now;
        }
    }

    /**
     * A receipt's news, if {@link SmsStatus#mayBecome} lets the SMS take it and it tells something new: a receipt
     * that repeats the status and provider status the SMS has already changes nothing.
     *
     * @return whether it changed the SMS
     */
    public boolean receipt(SmsStatus next, String providerStatus, String providerStatusText, Instant deliveredAt,
            Instant now) {
        String newStatus = providerStatus == null ? "" : providerStatus;
        String newDisplay = providerStatusText == null ? "" : providerStatusText;
        if (next == status && newStatus.equals(transportStatus) && newDisplay.equals(transportStatusDisplay)) {
            return false;
        }
        if (!moveTo(next)) {
            return false;
        }
        this.transportStatus = newStatus;
        this.transportStatusDisplay = newDisplay;
        if (next == SmsStatus.DELIVERED) {
            // A refusal it had before was wrong or early: the phone has the SMS.
            this.failureReason = null;
            if (this.deliveredAt == null) {
                this.deliveredAt = deliveredAt;
            }
        }
        this.updatedAt = now;
        return true;
    }

    private boolean moveTo(SmsStatus next) {
        if (!status.mayBecome(next)) {
            return false;
        }
        status = next;
        return true;
    }

    public Gateway gateway() {
        return Gateway.valueOf(transportName.toUpperCase(Locale.ROOT));
    }

    public Long getId() {
        return id;
    }

    public Long getAccountId() {
        return accountId;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getToMsisdn() {
        return toMsisdn;
    }

    public String getFromMsisdn() {
        return fromMsisdn;
    }

    public String getCharset() {
        return charset;
    }

    public String getMessage() {
        return message;
    }

    public String getEncoding() {
        return encoding;
    }

    public int getSegments() {
        return segments;
    }

    public String getTransportName() {
        return transportName;
    }

    public String getTransportMsgId() {
        return transportMsgId;
    }

    public String getTransportStatus() {
        return transportStatus;
    }

    public String getTransportStatusDisplay() {
        return transportStatusDisplay;
    }

    public SmsStatus getStatus() {
        return status;
    }

    public String getFailureReason() {
        return failureReason;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getDeliveredAt() {
        return deliveredAt;
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }
}
