package io.richmond.api.account;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.richmond.api.ApiProperties;
import io.richmond.api.lookup.LookupCache;

/**
 * Which account receives SMS to a number: the one it is routed to (with or without its {@code +}), else
 * {@code richmond.api.inbound-default-account}. Remembered for {@code lookup-cache-ttl}.
 */
@Component
public class NumberOwners {

    private final NumberRouteRepository routes;
    private final AccountRepository accounts;
    private final String defaultAccount;
    private final LookupCache<String, Optional<Long>> cache;

    NumberOwners(NumberRouteRepository routes, AccountRepository accounts, ApiProperties properties) {
        this.routes = routes;
        this.accounts = accounts;
        this.defaultAccount = properties.inboundDefaultAccount();
        this.cache = new LookupCache<>(properties.lookupCacheTtl(), 100_000);
    }

    @Transactional(readOnly = true)
    public Optional<Long> owner(String number) {
        return cache.get(number, this::lookup);
    }

    /** Called in the transaction that routes a number or creates an account. */
    void changed() {
        cache.invalidateAfterCommit();
    }

    private Optional<Long> lookup(String number) {
        String other = number.startsWith("+") ? number.substring(1) : "+" + number;
        Optional<Long> routed = routes.findById(number).or(() -> routes.findById(other))
                .map(NumberRoute::getAccountId);
        if (routed.isPresent() || defaultAccount.isBlank()) {
            return routed;
        }
        return accounts.findByUsername(defaultAccount).map(Account::getId);
    }
}
