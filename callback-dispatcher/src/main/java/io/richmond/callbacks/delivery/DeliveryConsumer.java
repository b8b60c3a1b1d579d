package io.richmond.callbacks.delivery;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

import com.rabbitmq.client.Delivery;

import io.richmond.callbacks.bus.QueueNames;
import io.richmond.sdk.amqp.DeliveryHandler;
import tools.jackson.databind.json.JsonMapper;

/** Consumes {@code callbacks.deliveries}: one URL each, first attempts and retries back from the delay queues. */
@Component
public class DeliveryConsumer implements DeliveryHandler {

    private final Deliverer deliverer;
    private final JsonMapper mapper;
    private final QueueNames names;

    DeliveryConsumer(Deliverer deliverer, JsonMapper mapper, QueueNames names) {
        this.deliverer = deliverer;
        this.mapper = mapper;
        this.names = names;
    }

    @Override
    public CompletableFuture<?> handle(Delivery delivery) {
        CallbackJob job;
        try {
            job = mapper.readValue(delivery.getBody(), CallbackJob.class);
            job.target();
        } catch (RuntimeException e) {
            return deliverer.undecodable(names.deliveries(), delivery, e);
        }
        return deliverer.deliver(job, attemptsMade(delivery));
    }

    private static int attemptsMade(Delivery delivery) {
        Map<String, Object> headers = delivery.getProperties().getHeaders();
        Object attempts = headers == null ? null : headers.get(Deliverer.ATTEMPTS_HEADER);
        return attempts instanceof Number number ? number.intValue() : 0;
    }
}
