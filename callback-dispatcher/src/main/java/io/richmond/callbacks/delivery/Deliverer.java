package io.richmond.callbacks.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.stereotype.Component;

import com.rabbitmq.client.Delivery;

import io.richmond.callbacks.bus.QueueNames;
import io.richmond.callbacks.bus.RetrySchedule;
import io.richmond.callbacks.http.CallbackBody;
import io.richmond.callbacks.http.CallbackHttp;
import io.richmond.callbacks.http.CallbackUrls;
import io.richmond.callbacks.http.HostLimiter;
import io.richmond.callbacks.http.Signature;
import io.richmond.callbacks.store.AccountSecrets;
import io.richmond.callbacks.store.AttemptRecord;
import io.richmond.callbacks.store.DeliveryLog;
import io.richmond.sdk.amqp.RawPublisher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tries one delivery (a one-URL job) and decides what follows: done, round a delay queue of the
 * {@link RetrySchedule}, or {@code callbacks.dead}. Every attempt is logged. The stage it returns completes once
 * what follows is confirmed by the broker, so the consumer acknowledges the delivery only then.
 */
@Component
public class Deliverer {

    /** Attempts made so far; survives the delay queues' dead-lettering. */
    public static final String ATTEMPTS_HEADER = "x-richmond-attempts";

    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

    private final CallbackHttp http;
    private final HostLimiter limiter;
    private final AccountSecrets secrets;
    private final DeliveryLog deliveryLog;
    private final RetrySchedule retry;
    private final QueueNames names;
    private final RawPublisher publisher;
    private final JsonMapper mapper;
    private final Clock clock;

    Deliverer(CallbackHttp http, HostLimiter limiter, AccountSecrets secrets, DeliveryLog deliveryLog,
            RetrySchedule retry, QueueNames names, RawPublisher publisher, JsonMapper mapper, Clock clock) {
        this.http = http;
        this.limiter = limiter;
        this.secrets = secrets;
        this.deliveryLog = deliveryLog;
        this.retry = retry;
        this.names = names;
        this.publisher = publisher;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Puts a delivery on {@code callbacks.deliveries} for a first attempt. */
    CompletableFuture<Void> enqueue(CallbackJob delivery) {
        return publish(names.deliveries(), delivery, 0, null);
    }

    CompletableFuture<Void> deliver(CallbackJob delivery, int attemptsMade) {
        int attempt = attemptsMade + 1;
        URI url;
        try {
            url = new URI(delivery.target().url());
        } catch (URISyntaxException e) {
            return settle(delivery, "(not a URL)", attempt, Attempt.refused("not a URL: " + e.getMessage()));
        }
        String loggable = CallbackUrls.withoutCredentials(url).toString();
        String host = CallbackUrls.hostKey(url);
        Optional<CompletableFuture<Void>> permit = limiter.acquire(host);
        if (permit.isEmpty()) {
            log.debug("{} is busy; delivery {} waits {} before its attempt {}", host, delivery.deliveryId(),
                    retry.waitAfter(1), attempt);
            return publish(retry.shortestDelayQueue(), delivery, attemptsMade, null);
        }
        return permit.get()
                .thenCompose(ignored -> post(delivery, url).whenComplete((done, failure) -> limiter.release(host)))
                .thenCompose(result -> settle(delivery, loggable, attempt, result));
    }

    /** A message that is no job: kept on {@code callbacks.dead} as it came, for someone to look at. */
    CompletableFuture<Void> undecodable(String queue, Delivery delivery, RuntimeException problem) {
        log.error("{}: a message that is no callback job ({}); moving it to {}", queue, problem.toString(),
                names.dead());
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setHeader("x-richmond-error", "not a callback job: " + problem.getMessage());
        return publisher.publish(names.dead(), delivery.getBody(), properties);
    }

    private CompletableFuture<Attempt> post(CallbackJob delivery, URI url) {
        try {
            return secrets.secret(delivery.accountId()).thenCompose(secret -> {
                if (secret.isEmpty()) {
                    return CompletableFuture.completedFuture(Attempt.noAccount());
                }
                CallbackJob.Target target = delivery.target();
                CallbackBody body = target.json() ? CallbackBody.json(delivery.callbackName(), delivery.fields())
                        : CallbackBody.multipart(delivery.callbackName(), delivery.fields());
                String timestamp = String.valueOf(clock.instant().getEpochSecond());
                Map<String, String> headers = Map.of(
                        "X-Richmond-Timestamp", timestamp,
                        "X-Richmond-Signature", Signature.sign(secret.get(), timestamp, body.bytes()),
                        "X-Richmond-Delivery", delivery.deliveryId());
                long start = System.nanoTime();
                return http.post(url, body, headers).handle((status, failure) -> Attempt.of(status, failure,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
            }).exceptionally(failure -> Attempt.of(null, failure, 0));
        } catch (RuntimeException e) {
            // Whatever happens, the caller must get an outcome, or the host's permit would never be released.
            return CompletableFuture.completedFuture(Attempt.of(null, e, 0));
        }
    }

    private CompletableFuture<Void> settle(CallbackJob delivery, String url, int attempt, Attempt result) {
        String id = delivery.deliveryId();
        switch (result.kind()) {
            case NO_ACCOUNT -> {
                log.warn("account {} no longer exists; dropping delivery {} to {}", delivery.accountId(), id, url);
                return CompletableFuture.completedFuture(null);
            }
            case DELIVERED -> {
                log.debug("delivered {} to {} ({}, {} ms, attempt {})", id, url, result.statusCode(),
                        result.latencyMs(), attempt);
                return logAttempt(record(delivery, url, attempt, result, "delivered"));
            }
            case FAILED -> {
                if (retry.mayRetry(attempt)) {
                    log.warn("attempt {} of {} to deliver {} to {} failed: {}; retrying in {} via {}", attempt,
                            retry.maxAttempts(), id, url, result.error(), retry.waitAfter(attempt),
                            retry.delayQueue(attempt));
                    return logAttempt(record(delivery, url, attempt, result, "retrying"))
                            .thenCompose(done -> publish(retry.delayQueue(attempt), delivery, attempt, null));
                }
            }
            default -> {
                // REFUSED, or FAILED with no attempt left: both end below.
            }
        }
        log.error("giving up on delivery {} to {} after {} attempt(s) (last: {}); dead-lettered to {}", id, url,
                attempt, result.error(), names.dead());
        AttemptRecord last = record(delivery, url, attempt, result, "dead");
        return logAttempt(last)
                .thenCompose(done -> deliveryLog.dead(last, mapper.writeValueAsString(delivery)))
                .thenCompose(done -> publish(names.dead(), delivery, attempt, result.error()));
    }

    /** The log is for people: a database that refuses it must not make a delivered callback go out again. */
    private CompletableFuture<Void> logAttempt(AttemptRecord record) {
        return deliveryLog.attempt(record).exceptionally(failure -> {
            log.warn("could not log attempt {} of delivery {}: {}", record.attempt(), record.deliveryId(),
                    failure.toString());
            return null;
        });
    }

    private AttemptRecord record(CallbackJob delivery, String url, int attempt, Attempt result, String outcome) {
        return new AttemptRecord(delivery.deliveryId(), delivery.jobId(), delivery.accountId(),
                delivery.target().id(), url, attempt, result.statusCode(), result.latencyMs(), result.error(),
                outcome, clock.instant());
    }

    private CompletableFuture<Void> publish(String queue, CallbackJob delivery, int attemptsMade, String error) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setMessageId(delivery.deliveryId());
        properties.setHeader(ATTEMPTS_HEADER, attemptsMade);
        if (error != null) {
            properties.setHeader("x-richmond-error", error);
        }
        return publisher.publish(queue, mapper.writeValueAsBytes(delivery), properties);
    }
}
