package io.richmond.api.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
    private final PublishedMarks<String> marks;
    private final InFlight<String> inFlight = new InFlight<>(Clock.systemUTC());

    /** @param marking where confirmed rows are marked: confirms arrive on the broker connection's own thread */
    CallbackJobOutbox(ConfirmingPublisher confirmingPublisher, RichmondAmqpProperties amqp,
            CallbackJobRepository repository, BusNames names, @Qualifier("applicationTaskExecutor") Executor marking) {
        this.publisher = new RawPublisher(confirmingPublisher, amqp.exchange());
        this.queue = names.callbackJobs();
        this.marks = new PublishedMarks<>(ids -> repository.markPublished(ids, Instant.now()), marking);
    }

    /**
     * Publishes them all at once; the future completes when the confirmed ones are marked (exceptionally if marking
     * failed).
     */
    public CompletableFuture<Integer> publish(List<CallbackJobRecord> jobs) {
        if (jobs.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        List<String> ids = jobs.stream().map(CallbackJobRecord::getId).toList();
        return inFlight.during(ids, () -> publishUnmarked(jobs).thenCompose(marks::mark));
    }

    /** Whether a publish of this process is still waiting for the job's confirm or its mark. */
    boolean isInFlight(String id) {
        return inFlight.contains(id);
    }

    /** Publishes them all at once; the future completes, never exceptionally, with the ids the broker confirmed. */
    CompletableFuture<List<String>> publishUnmarked(List<CallbackJobRecord> jobs) {
        Map<String, CompletableFuture<Void>> publishes = new LinkedHashMap<>();
        jobs.forEach(job -> publishes.put(job.getId(), publish(job)));
        return Confirms.confirmed(publishes, "callback jobs");
    }

    private CompletableFuture<Void> publish(CallbackJobRecord job) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding("UTF-8");
        properties.setMessageId(job.getId());
        return publisher.publish(queue, job.getPayload().getBytes(StandardCharsets.UTF_8), properties);
    }
}
