package io.richmond.sdk.rpc;

import io.richmond.sdk.amqp.RawPublisher;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import com.rabbitmq.client.Connection;

import io.richmond.sdk.amqp.AmqpConnections;
import io.richmond.sdk.amqp.ConfirmingPublisher;
import io.richmond.sdk.amqp.DeliveryHandler;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.amqp.QueueConsumer;
import io.richmond.sdk.amqp.Topology;
import io.richmond.sdk.message.MessageCodec;

/**
 * What one process holds on one broker: a publisher connection (confirms and returns), and a consumer connection
 * whose deliveries are handled on a pool of {@code threads}, with the {@link QueueConsumer}s started on it.
 * {@link #close(Duration)} lets in-flight deliveries finish and be acknowledged before anything is disconnected.
 */
public final class BrokerSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerSession.class);

    private final String exchange;
    private final String name;
    private final CachingConnectionFactory adminConnections;
    private final RabbitAdmin admin;
    private final ConfirmingPublisher publisher;
    private final ExecutorService dispatch;
    private final Connection consumerConnection;
    private final List<QueueConsumer> consumers = new ArrayList<>();
    private boolean closed;

    private BrokerSession(String exchange, String name, CachingConnectionFactory adminConnections,
            ConfirmingPublisher publisher, ExecutorService dispatch, Connection consumerConnection) {
        this.exchange = exchange;
        this.name = name;
        this.adminConnections = adminConnections;
        this.admin = new RabbitAdmin(adminConnections);
        this.publisher = publisher;
        this.dispatch = dispatch;
        this.consumerConnection = consumerConnection;
    }

    /**
     * Connects to {@code uri}; {@code threads} bounds how many deliveries are handled at once, over every queue this
     * session consumes.
     */
    public static BrokerSession open(URI uri, String exchange, String name, int threads)
            throws IOException, TimeoutException {
        Topology.checkExchangeName(exchange);
        Objects.requireNonNull(name, "name");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        CachingConnectionFactory adminConnections = AmqpConnections.publisherConnectionFactory(uri, name + " admin");
        ConfirmingPublisher publisher = new ConfirmingPublisher(uri, name + " publisher", threads);
        AtomicInteger count = new AtomicInteger();
        ExecutorService dispatch = Executors.newFixedThreadPool(threads,
                task -> new Thread(task, name + " handler-" + count.incrementAndGet()));
        try {
            Connection consumerConnection = AmqpConnections.consumerConnection(uri, name + " consumer", dispatch);
            return new BrokerSession(exchange, name, adminConnections, publisher, dispatch, consumerConnection);
        } catch (IOException | TimeoutException | RuntimeException e) {
            dispatch.shutdown();
            adminConnections.destroy();
            publisher.close();
            throw e;
        }
    }

    public String exchange() {
        return exchange;
    }

    public RabbitAdmin admin() {
        return admin;
    }

    public RawPublisher rawPublisher() {
        return new RawPublisher(publisher, exchange);
    }

    public MessagePublisher messagePublisher(MessageCodec codec) {
        return new MessagePublisher(publisher, codec, exchange);
    }

    /**
     * Declares the session's durable direct exchange and each queue, bound by its own name: Richmond's convention
     * (docs/messaging.md). Declaring what exists with the same arguments changes nothing.
     */
    public void declareQueues(Queue... queues) {
        DirectExchange directExchange = new DirectExchange(exchange, true, false);
        List<Declarable> declarables = new ArrayList<>();
        declarables.add(directExchange);
        for (Queue queue : queues) {
            Binding binding = BindingBuilder.bind(queue).to(directExchange).with(queue.getName());
            declarables.add(queue);
            declarables.add(binding);
        }
        Topology.declare(admin, new Declarables(declarables));
    }

    /** Starts consuming {@code queue} with {@code concurrency} channels of {@code prefetch} each. */
    public synchronized void consume(String queue, int prefetch, int concurrency, DeliveryHandler handler)
            throws IOException {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        QueueConsumer consumer = new QueueConsumer(consumerConnection, queue, prefetch, concurrency, handler);
        consumer.start();
        consumers.add(consumer);
    }

    /**
     * Stops every consumer, waits up to {@code grace} in all for in-flight deliveries to be acknowledged, then
     * disconnects. Closing again does nothing.
     */
    public synchronized void close(Duration grace) {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + grace.toNanos();
        for (QueueConsumer consumer : consumers) {
            consumer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        try {
            consumerConnection.close();
        } catch (IOException | RuntimeException e) {
            log.debug("{}: closing the consumer connection: {}", name, e.toString());
        }
        dispatch.shutdown();
        try {
            dispatch.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
        adminConnections.destroy();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
