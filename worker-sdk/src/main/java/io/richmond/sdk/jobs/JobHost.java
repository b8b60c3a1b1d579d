package io.richmond.sdk.jobs;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.QueueBuilder;

import io.richmond.sdk.amqp.AmqpConnections;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.message.MessageCodec;
import io.richmond.sdk.rpc.BrokerSession;
import io.richmond.sdk.amqp.RawPublisher;

/**
 * Runs the jobs of every queue of a {@link JobsConfig}. For each queue it declares the queue, its status queue and
 * its blocked queue (whose expired messages dead-letter back onto the job queue), then consumes the queue.
 */
public final class JobHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobHost.class);

    private final JobsConfig config;
    private final String name;
    private BrokerSession session;

    public JobHost(JobsConfig config, String name) {
        this.config = Objects.requireNonNull(config, "config");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Creates every runner first, so that a missing class is reported before anything is consumed. */
    public synchronized void start() throws IOException, TimeoutException {
        if (session != null) {
            throw new IllegalStateException(name + " has been started already");
        }
        Map<JobQueueConfig, JobRunner> runners = new LinkedHashMap<>();
        for (JobQueueConfig queue : config.queues()) {
            runners.put(queue, queue.runner().create(queue.timeout()));
        }
        int threads = config.queues().stream().mapToInt(JobQueueConfig::concurrency).sum();
        session = BrokerSession.open(config.amqp().uri(), config.amqp().exchange(), name, threads);
        try {
            MessagePublisher statuses = session.messagePublisher(new MessageCodec());
            RawPublisher jobs = session.rawPublisher();
            for (Map.Entry<JobQueueConfig, JobRunner> entry : runners.entrySet()) {
                JobQueueConfig queue = entry.getKey();
                session.declareQueues(QueueBuilder.durable(queue.queue()).build(),
                        QueueBuilder.durable(queue.statusKey()).build(),
                        QueueBuilder.durable(queue.blockedQueue())
                                .deadLetterExchange(config.amqp().exchange())
                                .deadLetterRoutingKey(queue.queue())
                                .build());
                session.consume(queue.queue(), config.amqp().prefetch(), queue.concurrency(), new JobDispatcher(queue,
                        entry.getValue(), new StatusReporter(statuses, queue.queue(), queue.statusKey()), jobs));
                log.info("{}: running {}!{} for each job, statuses on {}", queue.queue(),
                        queue.runner().kind().wireName(), queue.runner().target(), queue.statusKey());
            }
        } catch (IOException | RuntimeException e) {
            session.close(Duration.ZERO);
            throw e;
        }
        log.info("{} is running jobs from {} at {}", name, config.amqp().exchange(),
                AmqpConnections.redact(config.amqp().uri()));
    }

    /** Lets the jobs in hand finish and be acknowledged (for up to {@code grace}), then disconnects. */
    public synchronized void stop(Duration grace) {
        if (session != null) {
            session.close(grace);
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }
}
