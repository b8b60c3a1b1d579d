package io.richmond.api.callback;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.richmond.api.web.ApiDates;

/**
 * The delivery log and the dead deliveries, which callback-dispatcher writes ({@code V3__callback_delivery.sql});
 * plain SQL, as the API only reads them and marks a redelivery.
 */
@Repository
class CallbackDeliveries {

    private static final int LIMIT = 100;

    private final JdbcTemplate jdbc;

    CallbackDeliveries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest attempts for a URL of the account, at most 100. */
    List<DeliveryView> attempts(long accountId, long callbackId) {
        return jdbc.query("select delivery_id, job_id, callback_url_id, url, attempt, status_code, latency_ms, error,"
                + " outcome, attempted_at from callback_attempt where account_id = ? and callback_url_id = ?"
                + " order by attempted_at desc, id desc limit ?",
                (row, index) -> new DeliveryView(row.getString("delivery_id"), row.getString("job_id"),
                        row.getLong("callback_url_id"), row.getString("url"), row.getInt("attempt"),
                        (Integer) row.getObject("status_code"), row.getLong("latency_ms"), row.getString("error"),
                        row.getString("outcome"), ApiDates.format(row.getTimestamp("attempted_at").toInstant())),
                accountId, callbackId, LIMIT);
    }

    /** The one-URL job of a dead delivery of the account not yet redelivered. */
    Optional<String> deadJob(long accountId, String deliveryId) {
        return jdbc.queryForList("select job from callback_dead_delivery where account_id = ? and delivery_id = ?"
                + " and redelivered_at is null", String.class, accountId, deliveryId).stream().findFirst();
    }

    void markRedelivered(String deliveryId, Instant at) {
        jdbc.update("update callback_dead_delivery set redelivered_at = ? where delivery_id = ?", Timestamp.from(at),
                deliveryId);
    }
}
