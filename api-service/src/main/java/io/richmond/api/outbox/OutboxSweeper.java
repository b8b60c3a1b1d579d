package io.richmond.api.outbox;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

import io.richmond.api.ApiProperties;
import io.richmond.api.account.AccountsCommand;
import io.richmond.api.callback.CallbackJobRecord;
import io.richmond.api.callback.CallbackJobRepository;
import io.richmond.api.sms.SentSms;
import io.richmond.api.sms.SentSmsRepository;

/**
 * Publishes again what the broker did not confirm: SMS and callback jobs older than {@code min-age} without
 * {@code published_at} (the broker was down, a confirm was lost, the process died between commit and publish).
 * Delivery is at least once: a confirm lost after the broker took the message makes a duplicate.
 */
@Component
@Profile("!" + AccountsCommand.PROFILE)
class OutboxSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxSweeper.class);

    private final SentSmsRepository sms;
    private final SmsOutbox smsOutbox;
    private final CallbackJobRepository jobs;
    private final CallbackJobOutbox jobOutbox;
    private final ApiProperties.Outbox settings;
    private ScheduledExecutorService scheduler;

    OutboxSweeper(SentSmsRepository sms, SmsOutbox smsOutbox, CallbackJobRepository jobs,
            CallbackJobOutbox jobOutbox, ApiProperties properties) {
        this.sms = sms;
        this.smsOutbox = smsOutbox;
        this.jobs = jobs;
        this.jobOutbox = jobOutbox;
        this.settings = properties.outbox();
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.sweepInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        scheduler.shutdownNow();
        scheduler = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    void sweep() {
        try {
            Instant before = Instant.now().minus(settings.minAge());
            PageRequest batch = PageRequest.of(0, settings.batchSize());
            List<SentSms> unpublishedSms = sms.findUnpublished(before, batch);
            if (!unpublishedSms.isEmpty()) {
                int confirmed = wait(smsOutbox.publish(unpublishedSms));
                log.info("outbox: published {} SMS again, {} confirmed", unpublishedSms.size(), confirmed);
            }
            List<CallbackJobRecord> unpublishedJobs = jobs.findUnpublished(before, batch);
            if (!unpublishedJobs.isEmpty()) {
                int confirmed = wait(jobOutbox.publish(unpublishedJobs));
                log.info("outbox: published {} callback jobs again, {} confirmed", unpublishedJobs.size(), confirmed);
            }
        } catch (RuntimeException e) {
            // The next sweep tries again; a scheduled task that throws would never run again.
            log.warn("outbox sweep failed, trying again in {}: {}", settings.sweepInterval(), e.toString());
        }
    }

    private int wait(CompletableFuture<Integer> marked) {
        try {
            return marked.get(settings.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("outbox: no confirms within {}; the rows stay unpublished until a later sweep",
                    settings.confirmTimeout());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
