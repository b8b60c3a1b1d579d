package io.richmond.api.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.richmond.api.bus.BusNames;
import io.richmond.api.callback.CallbackJobRecord;
import io.richmond.api.callback.CallbackJobRepository;
import io.richmond.sdk.amqp.ConfirmingPublisher;
import io.richmond.sdk.amqp.RawPublisher;
import io.richmond.sdk.boot.RichmondAmqpProperties;

/**
 * Publishes callback jobs to {@code callbacks.jobs} (after the bus prefix): persistent JSON, mandatory, confirmed.
 * They are not Vumi messages, so they go through a {@link RawPublisher} rather than the SDK's
 * {@code MessagePublisher}.
 */
@Component
public class CallbackJobOutbox {

    private final RawPublisher publisher;
    private final String queue;
    private final CallbackJobRepository repository;
    private final Executor marking;

    /** @param marking where confirmed rows are marked: confirms arrive on the broker connection's own thread */
    CallbackJobOutbox(ConfirmingPublisher confirmingPublisher, RichmondAmqpProperties amqp,
            CallbackJobRepository repository, BusNames names, @Qualifier("applicationTaskExecutor") Executor marking) {
        this.publisher = new RawPublisher(confirmingPublisher, amqp.exchange());
        this.queue = names.callbackJobs();
        this.repository = repository;
        this.marking = marking;
    }

    /** Publishes them all at once; the future completes, never exceptionally, when the confirmed ones are marked. */
    public CompletableFuture<Integer> publish(List<CallbackJobRecord> jobs) {
        if (jobs.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        Map<String, CompletableFuture<Void>> publishes = new LinkedHashMap<>();
        jobs.forEach(job -> publishes.put(job.getId(), publish(job)));
        return Confirms.confirmed(publishes, "callback jobs").thenApplyAsync(confirmed -> confirmed.isEmpty() ? 0
                : repository.markPublished(confirmed, Instant.now()), marking);
    }

    private CompletableFuture<Void> publish(CallbackJobRecord job) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding("UTF-8");
        properties.setMessageId(job.getId());
        return publisher.publish(queue, job.getPayload().getBytes(StandardCharsets.UTF_8), properties);
    }
}
