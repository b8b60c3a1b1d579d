package io.richmond.sdk.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageProperties;

import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.message.StatusEvent;

/**
 * Publishes a queue's job statuses as Vumi {@code status_event}s: {@code component} the queue, {@code type} the job
 * status, {@code message} the runner's text, {@code details} {@code {job_id, status}}. The job id is also in the
 * {@code job_id} header and the correlation id, for watchers that do not read the body.
 */
final class StatusReporter {

    static final String JOB_ID_HEADER = "job_id";

    private static final Logger log = LoggerFactory.getLogger(StatusReporter.class);

    private final MessagePublisher publisher;
    private final String queue;
    private final String statusKey;

    StatusReporter(MessagePublisher publisher, String queue, String statusKey) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.statusKey = Objects.requireNonNull(statusKey, "statusKey");
    }

    CompletableFuture<Void> report(String jobId, JobStatus status, String text) {
        log.info("{}: job {} {}: {}", queue, jobId, status.wireName(), text);
        StatusEvent event = new StatusEvent(queue, status.health(), status.wireName(), text, List.of(),
                Map.of("job_id", jobId, "status", status.wireName()), Instant.now(), Map.of(), Map.of());
        MessageProperties properties = new MessageProperties();
        properties.setHeader(JOB_ID_HEADER, jobId);
        properties.setCorrelationId(jobId);
        return publisher.publish(statusKey, event, properties);
    }
}
