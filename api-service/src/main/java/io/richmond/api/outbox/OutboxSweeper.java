package io.richmond.api.outbox;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.richmond.api.ApiProperties;
import io.richmond.api.PeriodicTask;
import io.richmond.api.account.AccountsCommand;
import io.richmond.api.callback.CallbackJobRecord;
import io.richmond.api.callback.CallbackJobRepository;
import io.richmond.api.sms.SentSms;
import io.richmond.api.sms.SentSmsRepository;

/**
 * Publishes again what the broker did not confirm: SMS and callback jobs older than {@code min-age} without
 * {@code published_at} (the broker was down, a confirm was lost, the process died between commit and publish).
 * Rows a publish of this process is still waiting on are left to it. Delivery is at least once: a confirm lost
 * after the broker took the message makes a duplicate. Rows are claimed
 * with {@code FOR UPDATE SKIP LOCKED}, so that the sweepers of several API processes never publish the same row in
 * the same sweep.
 */
@Component
@Profile("!" + AccountsCommand.PROFILE)
class OutboxSweeper extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(OutboxSweeper.class);

    private final SentSmsRepository sms;
    private final SmsOutbox smsOutbox;
    private final CallbackJobRepository jobs;
    private final CallbackJobOutbox jobOutbox;
    private final ApiProperties.Outbox settings;
    private final TransactionTemplate transactions;

    OutboxSweeper(SentSmsRepository sms, SmsOutbox smsOutbox, CallbackJobRepository jobs,
            CallbackJobOutbox jobOutbox, ApiProperties properties, PlatformTransactionManager transactionManager) {
        super("outbox-sweeper", properties.outbox().sweepInterval(), properties.outbox().sweepInterval());
        this.sms = sms;
        this.smsOutbox = smsOutbox;
        this.jobs = jobs;
        this.jobOutbox = jobOutbox;
        this.settings = properties.outbox();
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    protected void runOnce() {
        Instant before = Instant.now().minus(settings.minAge());
        transactions.executeWithoutResult(status -> sweepSms(before));
        transactions.executeWithoutResult(status -> sweepJobs(before));
    }

    /**
     * Each sweep claims its rows until it has marked what the broker confirmed: another process's sweeper skips
     * them meanwhile, and finds them marked once this one commits.
     */
    private void sweepSms(Instant before) {
        List<SentSms> unpublished = sms.claimUnpublished(before, settings.batchSize()).stream()
                .filter(row -> !smsOutbox.isInFlight(row.getId())).toList();
        if (unpublished.isEmpty()) {
            return;
        }
        List<Long> confirmed = wait(smsOutbox.publishUnmarked(unpublished));
        int marked = confirmed.isEmpty() ? 0 : sms.markPublished(confirmed, Instant.now());
        log.info("outbox: published {} SMS again, {} confirmed", unpublished.size(), marked);
    }

    private void sweepJobs(Instant before) {
        List<CallbackJobRecord> unpublished = jobs.claimUnpublished(before, settings.batchSize()).stream()
                .filter(row -> !jobOutbox.isInFlight(row.getId())).toList();
        if (unpublished.isEmpty()) {
            return;
        }
        List<String> confirmed = wait(jobOutbox.publishUnmarked(unpublished));
        int marked = confirmed.isEmpty() ? 0 : jobs.markPublished(confirmed, Instant.now());
        log.info("outbox: published {} callback jobs again, {} confirmed", unpublished.size(), marked);
    }

    private <K> List<K> wait(CompletableFuture<List<K>> confirmed) {
        try {
            return confirmed.get(settings.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("outbox: no confirms within {}; the rows stay unpublished until a later sweep",
                    settings.confirmTimeout());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
