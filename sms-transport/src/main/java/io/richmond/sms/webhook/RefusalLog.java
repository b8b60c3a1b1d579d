package io.richmond.sms.webhook;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused webhook calls, at most one line per provider every 10 s, with the number refused since the previous
 * line: a flood of forged calls must not flood the log too.
 */
final class RefusalLog {

    private static final Logger log = LoggerFactory.getLogger(WebhookAccessFilter.class);
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String provider;
    private final AtomicLong nextLine = new AtomicLong(System.nanoTime());
    private final AtomicLong unlogged = new AtomicLong();

    RefusalLog(String provider) {
        this.provider = provider;
    }

    /** @param refusal what was refused and how it was answered, without the provider's name */
    void refused(String refusal) {
        long now = System.nanoTime();
        long next = nextLine.get();
        if (now - next < 0 || !nextLine.compareAndSet(next, now + INTERVAL_NANOS)) {
            unlogged.incrementAndGet();
            return;
        }
        long before = unlogged.getAndSet(0);
        log.warn("{} webhooks: {}{}", provider, refusal, before == 0 ? ""
                : " (and " + before + " more refused calls since the previous line; at most one line every "
                        + TimeUnit.NANOSECONDS.toSeconds(INTERVAL_NANOS) + " s)");
    }
}
