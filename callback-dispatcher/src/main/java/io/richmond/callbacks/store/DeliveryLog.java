package io.richmond.callbacks.store;

import java.sql.Timestamp;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.richmond.sdk.batch.Batcher;

/**
 * Writes the delivery log ({@code callback_attempt}) and the deliveries that gave up, which api-service shows.
 *
 * <p>Attempts arrive one per callback, thousands a second: they are inserted in batches, one transaction and one
 * JDBC batch each, rather than a transaction per row. Closed by Spring after the consumers stopped, so the
 * attempts of the last deliveries are still written.
 */
@Component
public class DeliveryLog implements AutoCloseable {

    /** Rows per transaction: large enough to amortise the commit, small enough to keep it short. */
    private static final int MAX_BATCH = 500;
    /** One batch gathers while the other commits. */
    private static final int BATCH_THREADS = 2;

    private static final String INSERT_ATTEMPT = "insert into callback_attempt (delivery_id, job_id, account_id,"
            + " callback_url_id, url, attempt, status_code, latency_ms, error, outcome, attempted_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ExecutorService executor;
    private final Batcher<AttemptRecord, Void> attempts;

    DeliveryLog(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
            @Qualifier("storeExecutor") ExecutorService executor) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.executor = executor;
        this.attempts = new Batcher<>("callback-attempts", MAX_BATCH, BATCH_THREADS, this::insertAttempts);
    }

    /** Completes once the attempt's row is committed; fails, for this attempt alone, if it could not be. */
    public CompletableFuture<Void> attempt(AttemptRecord record) {
        return attempts.submit(record);
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

    @Override
    public void close() {
        attempts.close();
    }

    /** All or nothing, so that the batcher's retry of a failed batch row by row cannot write a row twice. */
    private List<Void> insertAttempts(List<AttemptRecord> records) {
        List<Object[]> rows = records.stream().map(record -> new Object[] {record.deliveryId(), record.jobId(),
                record.accountId(), record.callbackUrlId(), record.url(), record.attempt(), record.statusCode(),
                record.latencyMs(), record.error(), record.outcome(), Timestamp.from(record.attemptedAt())})
                .toList();
        transactions.executeWithoutResult(status -> jdbc.batchUpdate(INSERT_ATTEMPT, rows));
        return Collections.nCopies(records.size(), null);
    }
}
