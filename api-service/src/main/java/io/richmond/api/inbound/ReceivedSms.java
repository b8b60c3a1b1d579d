package io.richmond.api.inbound;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An SMS a user sent to one of an account's numbers. */
@Entity
@Table(name = "received_sms")
public class ReceivedSms {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false)
    private Long accountId;

    /** The inbound user_message's id: a redelivered message is stored once. */
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

    @Column(name = "transport_name", nullable = false)
    private String transportName;

    @Column(name = "transport_msg_id", nullable = false)
    private String transportMsgId;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** The keyword it started with, whose account it belongs to; null when it matched none. */
    @Column
    private String keyword;

    /** When the broker confirmed its hand-over to the keyword's workers; null before, and without a keyword. */
    @Column(name = "handed_over_at")
    private Instant handedOverAt;

    protected ReceivedSms() {
    }

    ReceivedSms(Long accountId, String messageId, String toMsisdn, String fromMsisdn, String charset, String message,
            String transportName, String transportMsgId, Instant receivedAt, Instant now, String keyword) {
        this.accountId = accountId;
        this.messageId = messageId;
        this.toMsisdn = toMsisdn;
        this.fromMsisdn = fromMsisdn;
        this.charset = charset;
        this.message = message;
        this.transportName = transportName;
        this.transportMsgId = transportMsgId;
        this.receivedAt = receivedAt;
        this.createdAt = now;
        this.updatedAt = now;
        this.keyword = keyword;
    }

    /** For a row inserted with plain JDBC: the id the database gave it, as Hibernate would have set it. */
    void assignId(long id) {
        this.id = id;
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

    public String getTransportName() {
        return transportName;
    }

    public String getTransportMsgId() {
        return transportMsgId;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public String getKeyword() {
        return keyword;
    }

    public Instant getHandedOverAt() {
        return handedOverAt;
    }
}
