package io.richmond.api.sms;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.richmond.api.web.ApiException;
import io.richmond.sdk.batch.Batcher;

/**
 * Stores concurrent send requests together: one transaction, and one commit's fsync, for all that arrive while the
 * previous batch commits. A batch that fails is stored again a request at a time, so a request fails only by itself.
 * Closed by Spring once the web server stopped taking requests; what was submitted is stored first.
 */
@Component
class SendBatcher implements AutoCloseable {

    /** More than enough for every Tomcat thread at once; each request holds up to maxRecipients SMS. */
    private static final int MAX_BATCH = 256;
    /** One batch gathers while the other commits. */
    private static final int THREADS = 2;
    /** Longer than a stuck database connection takes to fail (Hikari's 30 s), so that failure is answered. */
    private static final Duration WAIT = Duration.ofSeconds(40);

    private final Batcher<SmsService.Request, SmsService.Sent> batcher;

    SendBatcher(SmsService service) {
        this.batcher = new Batcher<>("sms-send", MAX_BATCH, THREADS, service::sendAll);
    }

    /** The request's outcome once it is committed; what storing it threw otherwise. */
    SmsService.Sent send(SmsService.Request request) {
        try {
            return submit(request).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException("storing the SMS failed", e.getCause());
        } catch (TimeoutException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, null, "the SMS were not stored within "
                    + WAIT.toSeconds() + " s and may still be: send again with the same Idempotency-Key");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the SMS were stored", e);
        }
    }

    CompletableFuture<SmsService.Sent> submit(SmsService.Request request) {
        return batcher.submit(request);
    }

    @Override
    public void close() {
        batcher.close();
    }
}
