package io.richmond.api.sms;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.richmond.api.ApiProperties;

/**
 * Remembers the answer to each {@code Idempotency-Key} of an account. Called inside the send's transaction: the
 * key's row is claimed first, so a second request with the same key waits on that row until the first commits,
 * then replays its answer; if the first rolled back, the second does the work.
 */
@Component
class IdempotencyKeys {

    private final JdbcTemplate jdbc;
    private final Duration ttl;

    IdempotencyKeys(JdbcTemplate jdbc, ApiProperties properties) {
        this.jdbc = jdbc;
        this.ttl = properties.idempotencyTtl();
    }

    /** The earlier answer for this key, or empty when the key is new (or expired) and now claimed. */
    Optional<String> claim(long accountId, String key, Instant now) {
        jdbc.update("delete from idempotency_key where account_id = ? and idem_key = ? and created_at < ?",
                accountId, key, Timestamp.from(now.minus(ttl)));
        int claimed = jdbc.update("insert into idempotency_key (account_id, idem_key, created_at) values (?, ?, ?)"
                + " on conflict do nothing", accountId, key, Timestamp.from(now));
        if (claimed == 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(jdbc.queryForObject(
                "select response_body from idempotency_key where account_id = ? and idem_key = ?", String.class,
                accountId, key));
    }

    void remember(long accountId, String key, String responseBody) {
        jdbc.update("update idempotency_key set response_body = ? where account_id = ? and idem_key = ?",
                responseBody, accountId, key);
    }
}
