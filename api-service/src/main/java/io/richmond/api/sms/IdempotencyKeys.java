package io.richmond.api.sms;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.richmond.api.ApiProperties;

/**
 * Remembers the answer to each {@code Idempotency-Key} of an account, with the fingerprint of the request it
 * answered. Called inside the send's transaction: the key's row is claimed first, so a second request with the
 * same key waits on that row until the first commits, then replays its answer; if the first rolled back, the second
 * does the work.
 */
@Component
class IdempotencyKeys {

    /**
     * What the key already held.
     *
     * @param responseBody the answer it gave
     * @param sameRequest  whether it was given to this request; keys stored without a fingerprint match any
     */
    record Earlier(String responseBody, boolean sameRequest) {
    }

    private final JdbcTemplate jdbc;
    private final Duration ttl;

    IdempotencyKeys(JdbcTemplate jdbc, ApiProperties properties) {
        this.jdbc = jdbc;
        this.ttl = properties.idempotencyTtl();
    }

    /** What the key held, or empty when the key is new (or expired) and now claimed for this request. */
    Optional<Earlier> claim(long accountId, String key, String requestHash, Instant now) {
        jdbc.update("delete from idempotency_key where account_id = ? and idem_key = ? and created_at < ?",
                accountId, key, Timestamp.from(now.minus(ttl)));
        int claimed = jdbc.update("insert into idempotency_key (account_id, idem_key, created_at, request_hash)"
                + " values (?, ?, ?, ?) on conflict do nothing", accountId, key, Timestamp.from(now), requestHash);
        if (claimed == 1) {
            return Optional.empty();
        }
        Earlier earlier = jdbc.queryForObject(
                "select response_body, request_hash from idempotency_key where account_id = ? and idem_key = ?",
                (row, number) -> {
                    String stored = row.getString("request_hash");
                    return new Earlier(row.getString("response_body"), stored == null || stored.equals(requestHash));
                }, accountId, key);
        return earlier.responseBody() == null ? Optional.empty() : Optional.of(earlier);
    }

    void remember(long accountId, String key, String responseBody) {
        jdbc.update("update idempotency_key set response_body = ? where account_id = ? and idem_key = ?",
                responseBody, accountId, key);
    }
}
