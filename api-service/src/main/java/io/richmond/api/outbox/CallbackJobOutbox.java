package io.richmond.api.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import io.richmond.api.callback.CallbackJobRecord;
import io.richmond.api.bus.BusNames;
import io.richmond.api.callback.CallbackJobRepository;
import io.richmond.sdk.amqp.PublishRefusedException;
import io.richmond.sdk.amqp.UnroutableMessageException;
import io.richmond.sdk.boot.RichmondAmqpProperties;

/**
 * Publishes callback jobs to {@code callbacks.jobs} (after the bus prefix): persistent JSON, mandatory, confirmed. They are not Vumi
 * messages, so they go through the template rather than the SDK's {@code MessagePublisher}.
 */
@Component
public class CallbackJobOutbox {

    private final RabbitTemplate template;
    private final String exchange;
    private final String queue;
    private final CallbackJobRepository repository;

    CallbackJobOutbox(RabbitTemplate template, RichmondAmqpProperties amqp, CallbackJobRepository repository,
            BusNames names) {
        this.template = template;
        this.exchange = amqp.exchange();
        this.queue = names.callbackJobs();
        this.repository = repository;
    }

    /** Publishes them all at once; the future completes, never exceptionally, when the confirmed ones are marked. */
    public CompletableFuture<Integer> publish(List<CallbackJobRecord> jobs) {
        if (jobs.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        Map<String, CompletableFuture<Void>> publishes = new LinkedHashMap<>();
        jobs.forEach(job -> publishes.put(job.getId(), publish(job)));
        return Confirms.confirmed(publishes, "callback jobs").thenApply(confirmed -> confirmed.isEmpty() ? 0
                : repository.markPublished(confirmed, Instant.now()));
    }

    private CompletableFuture<Void> publish(CallbackJobRecord job) {
        Message message = MessageBuilder.withBody(job.getPayload().getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setContentEncoding("UTF-8")
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setMessageId(job.getId())
                .build();
        CorrelationData correlation = new CorrelationData(job.getId());
        try {
            template.send(exchange, queue, message, correlation);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return correlation.getFuture().thenApply(confirm -> {
            if (correlation.getReturned() != null) {
                throw new UnroutableMessageException(exchange, queue, correlation.getReturned().getReplyText());
            }
            if (!confirm.ack()) {
                throw new PublishRefusedException(exchange, queue, confirm.reason());
            }
            return null;
        });
    }
}
