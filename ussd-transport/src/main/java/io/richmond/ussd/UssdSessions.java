package io.richmond.ussd;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The USSD code each open session was started with, by msisdn: TruTeq sends it only with the first message, and
 * workers need it on every one. Kept in memory because TruTeq allows one connection per account, so there is one
 * transport; a restart loses open sessions, which TruTeq times out anyway.
 */
final class UssdSessions {

    private final Cache<String, String> codes;

    UssdSessions(Duration lifetime) {
        codes = Caffeine.newBuilder().expireAfterWrite(lifetime).build();
    }

    void start(String msisdn, String ussdCode) {
        codes.put(msisdn, ussdCode);
    }

    Optional<String> ussdCode(String msisdn) {
        return Optional.ofNullable(codes.getIfPresent(msisdn));
    }

    void end(String msisdn) {
        codes.invalidate(msisdn);
    }
}
