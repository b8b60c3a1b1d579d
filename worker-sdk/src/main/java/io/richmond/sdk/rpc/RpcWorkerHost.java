package io.richmond.sdk.rpc;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;

import io.richmond.sdk.amqp.AmqpConnections;

/**
 * One {@link RpcWorker} serving its queue. Hosts sharing a queue, in one process or many, are competing consumers:
 * each request is answered by one of them.
 */
public final class RpcWorkerHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RpcWorkerHost.class);

    private final RpcWorkerConfig config;
    private final RpcWorker worker;
    private final String name;
    private BrokerSession session;

    public RpcWorkerHost(RpcWorkerConfig config, RpcWorker worker, String name) {
        this.config = Objects.requireNonNull(config, "config");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Declares the input queue (and the output key's queue, if any, so that responses wait there for a client that
     * is not running yet) and starts consuming. A host starts once.
     */
    public synchronized void start() throws IOException, TimeoutException {
        if (session != null) {
            throw new IllegalStateException(name + " has been started already");
        }
        session = BrokerSession.open(config.amqpUri(), config.exchange(), name, config.concurrency());
        try {
            Queue input = QueueBuilder.durable(config.queue()).build();
            if (config.outputKey() == null) {
                session.declareQueues(input);
            } else {
                session.declareQueues(input, QueueBuilder.durable(config.outputKey()).build());
            }
            session.consume(config.queue(), config.prefetch(), config.concurrency(),
                    new RpcDispatcher(worker, session.rawPublisher(), config.queue(), config.outputKey()));
        } catch (IOException | RuntimeException e) {
            session.close(Duration.ZERO);
            throw e;
        }
        log.info("{} ({}) is answering requests on {} at {}", name, worker.getClass().getName(), config.queue(),
                AmqpConnections.redact(config.amqpUri()));
    }

    /** Answers the requests in hand (for up to {@code grace}), then disconnects. */
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
