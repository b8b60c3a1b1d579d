package io.richmond.sdk.jobs;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageProperties;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Delivery;

import io.richmond.sdk.amqp.DeliveryHandler;
import io.richmond.sdk.amqp.RawPublisher;
import io.richmond.sdk.rpc.RpcHeaders;

/**
 * Runs one job per delivery and reports its statuses; a {@code Blocked} job is put on the queue's blocked queue,
 * whence it expires back after the delay. The delivery is acknowledged once every status (and the job put back) is
 * confirmed by the broker.
 */
final class JobDispatcher implements DeliveryHandler {

    private static final Logger log = LoggerFactory.getLogger(JobDispatcher.class);

    private final JobQueueConfig config;
    private final JobRunner runner;
    private final StatusReporter reporter;
    private final RawPublisher publisher;

    JobDispatcher(JobQueueConfig config, JobRunner runner, StatusReporter reporter, RawPublisher publisher) {
        this.config = Objects.requireNonNull(config, "config");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public CompletionStage<?> handle(Delivery delivery) {
        String jobId = jobId(delivery.getProperties());
        Run run = new Run(jobId);
        Map<String, String> settings = new HashMap<>(config.settings());
        settings.put(StatusReporter.JOB_ID_HEADER, jobId);
        try {
            runner.run(delivery.getBody(), run::setStatus, Map.copyOf(settings));
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            log.warn("{}: job {} threw {}; reporting it Failed", config.queue(), jobId, e.toString());
            run.setStatus(JobStatus.FAILED, "the runner threw " + e);
        }
        return run.finish(delivery);
    }

    /** The {@code job_id} header, else the correlation id, else a new id (Vumi's form: 32 hex digits). */
    private static String jobId(AMQP.BasicProperties properties) {
        String header = RpcHeaders.text(RpcHeaders.readable(properties.getHeaders()), StatusReporter.JOB_ID_HEADER);
        if (header != null) {
            return header;
        }
        String correlationId = properties.getCorrelationId();
        return correlationId == null || correlationId.isBlank()
                ? UUID.randomUUID().toString().replace("-", "") : correlationId;
    }

    /**
     * One run of one job. Its statuses are published one after another, each once the previous is confirmed, so that
     * watchers see them in order: publishes on different channels may overtake each other. The next publish is not
     * made on the confirming thread, the connection's own, where opening a channel would wait for itself.
     */
    private final class Run {

        private final String jobId;
        private CompletableFuture<Void> published = CompletableFuture.completedFuture(null);
        private JobStatus last;

        Run(String jobId) {
            this.jobId = jobId;
        }

        synchronized void setStatus(JobStatus status, String text) {
            Objects.requireNonNull(status, "status");
            String message = text == null ? "" : text;
            last = status;
            published = published.thenComposeAsync(ignored -> reporter.report(jobId, status, message));
        }

        synchronized CompletableFuture<Void> finish(Delivery delivery) {
            if (last == JobStatus.BLOCKED) {
                published = published.thenComposeAsync(ignored -> putBack(delivery));
            } else if (last == null || !last.isFinal()) {
                setStatus(JobStatus.DONE, "the runner returned without a final status");
            }
            return published;
        }

        /**
         * Onto the blocked queue, expiring after the delay back onto the job queue. The job id goes with it, so that
         * every status of the job carries the same id; the broker's own {@code x-} headers do not.
         */
        private CompletableFuture<Void> putBack(Delivery delivery) {
            AMQP.BasicProperties original = delivery.getProperties();
            MessageProperties properties = new MessageProperties();
            RpcHeaders.readable(original.getHeaders()).forEach((name, value) -> {
                if (!name.startsWith("x-")) {
                    properties.setHeader(name, value);
                }
            });
            properties.setHeader(StatusReporter.JOB_ID_HEADER, jobId);
            properties.setCorrelationId(original.getCorrelationId());
            properties.setContentType(original.getContentType());
            properties.setContentEncoding(original.getContentEncoding());
            properties.setExpiration(Long.toString(config.blockedDelay().toMillis()));
            log.info("{}: job {} is blocked; back on the queue in {}", config.queue(), jobId, config.blockedDelay());
            return publisher.publish(config.blockedQueue(), delivery.getBody(), properties);
        }
    }
}
