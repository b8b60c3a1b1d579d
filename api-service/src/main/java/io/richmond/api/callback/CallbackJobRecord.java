package io.richmond.api.callback;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A callback job in the outbox: written with the change it reports, published to callbacks.jobs after. */
@Entity
@Table(name = "callback_job")
public class CallbackJobRecord {

    @Id
    private String id;

    @Column(name = "account_id", nullable = false)
    private Long accountId;

    /** The job's JSON, exactly as published. */
    @Column(nullable = false)
    private String payload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "published_at")
    private Instant publishedAt;

    protected CallbackJobRecord() {
    }

    CallbackJobRecord(String id, Long accountId, String payload, Instant createdAt) {
        this.id = id;
        this.accountId = accountId;
        this.payload = payload;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getPayload() {
        return payload;
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }
}
