package io.richmond.api.account;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A customer of the API (Django's User and Profile in one). */
@Entity
@Table(name = "account")
public class Account {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    /** Requests per rate-limit window; null takes the configured default. */
    @Column(name = "rate_limit")
    private Integer rateLimit;

    /** Keys the HMAC of every callback the account receives (docs/callbacks.md). */
    @Column(name = "callback_secret", nullable = false)
    private String callbackSecret;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Account() {
    }

    public Account(String username, String passwordHash, Integer rateLimit, Instant now) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.rateLimit = rateLimit;
        this.callbackSecret = CallbackSecrets.generate();
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Integer getRateLimit() {
        return rateLimit;
    }

    public String getCallbackSecret() {
        return callbackSecret;
    }

    public void rotateCallbackSecret(Instant now) {
        this.callbackSecret = CallbackSecrets.generate();
        this.updatedAt = now;
    }

    public void changePassword(String passwordHash, Instant now) {
        this.passwordHash = passwordHash;
        this.updatedAt = now;
    }

    public void changeRateLimit(Integer rateLimit, Instant now) {
        this.rateLimit = rateLimit;
        this.updatedAt = now;
    }
}
