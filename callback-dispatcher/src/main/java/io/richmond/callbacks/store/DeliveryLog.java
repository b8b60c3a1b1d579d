package io.richmond.callbacks.store;

import java.sql.Timestamp;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Writes the delivery log ({@code callback_attempt}) and the deliveries that gave up, which api-service shows. */
@Component
public class DeliveryLog {

    private final JdbcTemplate jdbc;
    private final ExecutorService executor;

    DeliveryLog(JdbcTemplate jdbc, @Qualifier("storeExecutor") ExecutorService executor) {
        this.jdbc = jdbc;
        this.executor = executor;
    }

    public CompletableFuture<Void> attempt(AttemptRecord record) {
        return CompletableFuture.runAsync(() -> jdbc.update("insert into callback_attempt (delivery_id, job_id,"
                + " account_id, callback_url_id, url, attempt, status_code, latency_ms, error, outcome, attempted_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                record.deliveryId(), record.jobId(), record.accountId(), record.callbackUrlId(), record.url(),
                record.attempt(), record.statusCode(), record.latencyMs(), record.error(), record.outcome(),
                Timestamp.from(record.attemptedAt())), executor);
    }

    /**
     * Keeps a delivery that gave up, with the one-URL job that redelivers it; a delivery that dies again after a
     * redelivery replaces its row and can be redelivered again.
     */
    public CompletableFuture<Void> dead(AttemptRecord last, String job) {
        return CompletableFuture.runAsync(() -> jdbc.update("insert into callback_dead_delivery (delivery_id,"
                + " account_id, callback_url_id, job, attempts, last_error, dead_at) values (?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (delivery_id) do update set job = excluded.job, attempts = excluded.attempts,"
                + " last_error = excluded.last_error, dead_at = excluded.dead_at, redelivered_at = null",
                last.deliveryId(), last.accountId(), last.callbackUrlId(), job, last.attempt(), last.error(),
                Timestamp.from(last.attemptedAt())), executor);
    }
}
