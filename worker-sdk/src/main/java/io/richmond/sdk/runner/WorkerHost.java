package io.richmond.sdk.runner;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import com.rabbitmq.client.Connection;

import io.richmond.sdk.amqp.AmqpConnections;
import io.richmond.sdk.amqp.ConfirmingPublisher;
import io.richmond.sdk.amqp.MessageDispatcher;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.amqp.QueueConsumer;
import io.richmond.sdk.amqp.Topology;
import io.richmond.sdk.amqp.TransportQueues;
import io.richmond.sdk.message.MessageCodec;
import io.richmond.sdk.message.UserMessage;
import io.richmond.sdk.worker.Worker;
import io.richmond.sdk.worker.WorkerMessageHandler;

/**
 * One worker consuming {@code <transport>.inbound} (or another queue of user messages, such as a keyword's) with
 * {@code concurrency} competing consumers, and publishing what it sends with confirms. Start as many hosts, in as
 * many processes, as the load needs.
 */
public final class WorkerHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerHost.class);

    private final RunnerConfig config;
    private final Worker worker;
    private final String name;
    private final String queue;
    private boolean started;
    private ConfirmingPublisher publisher;
    private ExecutorService dispatch;
    private Connection consumerConnection;
    private QueueConsumer consumer;

    public WorkerHost(RunnerConfig config, Worker worker, String name) {
        this(config, worker, name, null);
    }

    /**
     * A host consuming {@code queue} instead of the transport's inbound queue; what cannot be handled still goes to
     * the transport's failures queue. The queue must exist: its publisher declares it (api-service, for keywords).
     */
    public WorkerHost(RunnerConfig config, Worker worker, String name, String queue) {
        this.config = Objects.requireNonNull(config, "config");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.name = Objects.requireNonNull(name, "name");
        this.queue = queue;
    }

    /**
     * Declares the transport's queues, then starts consuming. If that fails, whatever was opened is closed again
     * before the exception is thrown. A host starts once.
     */
    public synchronized void start() throws IOException, TimeoutException {
        if (started) {
            throw new IllegalStateException(name + " has been started already");
        }
        started = true;
        try {
            connectAndConsume();
        } catch (IOException | TimeoutException | RuntimeException e) {
            stop(Duration.ZERO);
            throw e;
        }
    }

    private void connectAndConsume() throws IOException, TimeoutException {
        TransportQueues queues = new TransportQueues(config.transport());
        CachingConnectionFactory declaring =
                AmqpConnections.publisherConnectionFactory(config.amqpUri(), name + " admin");
        try {
            Topology.declare(new RabbitAdmin(declaring), Topology.of(config.exchange(), queues));
        } finally {
            declaring.destroy();
        }
        publisher = new ConfirmingPublisher(config.amqpUri(), name + " publisher", config.concurrency());
        MessagePublisher messages = new MessagePublisher(publisher, new MessageCodec(), config.exchange());
        MessageDispatcher<UserMessage> dispatcher = new MessageDispatcher<>(new MessageCodec(), messages,
                queues.failures(), UserMessage.class, new WorkerMessageHandler(worker, messages));
        AtomicInteger threads = new AtomicInteger();
        dispatch = Executors.newFixedThreadPool(config.concurrency(),
                task -> new Thread(task, name + " worker-" + threads.incrementAndGet()));
        consumerConnection = AmqpConnections.consumerConnection(config.amqpUri(), name + " consumer", dispatch);
        String consumed = queue == null ? queues.inbound() : queue;
        consumer = new QueueConsumer(consumerConnection, consumed, config.prefetch(), config.concurrency(), dispatcher);
        consumer.start();
        log.info("{} ({}) is consuming {} on {} at {}", name, worker.getClass().getName(), consumed,
                config.exchange(), AmqpConnections.redact(config.amqpUri()));
    }

    /**
     * Finishes and acknowledges in-flight messages (for up to {@code grace}), then disconnects. Stopping a host that
     * is stopped, or never started, does nothing.
     */
    public synchronized void stop(Duration grace) {
        if (consumer != null) {
            consumer.close(grace);
            consumer = null;
        }
        if (consumerConnection != null) {
            try {
                consumerConnection.close();
            } catch (IOException | RuntimeException e) {
                log.debug("closing consumer connection: {}", e.toString());
            }
            consumerConnection = null;
        }
        if (dispatch != null) {
            dispatch.shutdown();
            try {
                dispatch.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            dispatch = null;
        }
        if (publisher != null) {
            publisher.close();
            publisher = null;
            log.info("{} stopped", name);
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }
}
