package io.richmond.callbacks.delivery;

import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

import com.rabbitmq.client.Delivery;

import io.richmond.callbacks.bus.QueueNames;
import io.richmond.sdk.amqp.DeliveryHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@code callbacks.jobs}. A job for one URL is tried at once; a job for several fans out into one
 * delivery per URL on {@code callbacks.deliveries}, so that each URL retries on its own and one's failures never
 * repeat another's success.
 */
@Component
public class JobConsumer implements DeliveryHandler {

    private final Deliverer deliverer;
    private final JsonMapper mapper;
    private final QueueNames names;

    JobConsumer(Deliverer deliverer, JsonMapper mapper, QueueNames names) {
        this.deliverer = deliverer;
        this.mapper = mapper;
        this.names = names;
    }

    @Override
    public CompletableFuture<?> handle(Delivery delivery) {
        CallbackJob job;
        try {
            job = mapper.readValue(delivery.getBody(), CallbackJob.class);
            if (job.jobId() == null || job.urls() == null || job.urls().isEmpty() || job.fields() == null) {
                throw new IllegalArgumentException("a job needs job_id, fields and at least one URL");
            }
        } catch (RuntimeException e) {
            return deliverer.undecodable(names.jobs(), delivery, e);
        }
        if (job.urls().size() == 1) {
            return deliverer.deliver(job, 0);
        }
        return CompletableFuture.allOf(job.urls().stream().map(target -> deliverer.enqueue(job.only(target)))
                .toArray(CompletableFuture[]::new));
    }
}
