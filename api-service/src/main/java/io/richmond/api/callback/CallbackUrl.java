package io.richmond.api.callback;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A URL an account wants posted to on one of the {@link CallbackName}s; several per name are allowed. */
@Entity
@Table(name = "callback_url")
public class CallbackUrl {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false)
    private Long accountId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String url;

    @Column(nullable = false)
    private String format;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CallbackUrl() {
    }

    CallbackUrl(Long accountId, CallbackName name, String url, CallbackFormat format, Instant now) {
        this.accountId = accountId;
        this.name = name.value();
        this.url = url;
        this.format = format.value();
        this.createdAt = now;
        this.updatedAt = now;
    }

    void changeUrl(String url, Instant now) {
        this.url = url;
        this.updatedAt = now;
    }

    void changeFormat(CallbackFormat format, Instant now) {
        this.format = format.value();
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public Long getAccountId() {
        return accountId;
    }

    public String getName() {
        return name;
    }

    public String getUrl() {
        return url;
    }

    public String getFormat() {
        return format;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
