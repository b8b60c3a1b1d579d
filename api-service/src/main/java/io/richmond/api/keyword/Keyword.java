package io.richmond.api.keyword;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A word that gives the inbound SMS to a number starting with it to an account. */
@Entity
@Table(name = "keyword")
public class Keyword {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false)
    private Long accountId;

    @Column(nullable = false)
    private String number;

    @Column(nullable = false)
    private String keyword;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Keyword() {
    }

    Keyword(Long accountId, String number, String keyword, Instant now) {
        this.accountId = accountId;
        this.number = number;
        this.keyword = keyword;
        this.createdAt = now;
    }

    public Long getId() {
        return id;
    }

    public Long getAccountId() {
        return accountId;
    }

    public String getNumber() {
        return number;
    }

    public String getKeyword() {
        return keyword;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
