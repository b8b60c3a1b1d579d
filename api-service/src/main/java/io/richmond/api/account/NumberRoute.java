package io.richmond.api.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A number SMS are received on, and the account they belong to. */
@Entity
@Table(name = "number_route")
public class NumberRoute {

    @Id
    private String msisdn;

    @Column(name = "account_id", nullable = false)
    private Long accountId;

    protected NumberRoute() {
    }

    public NumberRoute(String msisdn, Long accountId) {
        this.msisdn = msisdn;
        this.accountId = accountId;
    }

    public String getMsisdn() {
        return msisdn;
    }

    public Long getAccountId() {
        return accountId;
    }

    public void routeTo(Long accountId) {
        this.accountId = accountId;
    }
}
