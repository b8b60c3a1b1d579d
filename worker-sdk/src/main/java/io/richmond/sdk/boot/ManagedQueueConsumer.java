package io.richmond.sdk.boot;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.context.SmartLifecycle;

import com.rabbitmq.client.Connection;

import io.richmond.sdk.amqp.AmqpConnections;
import io.richmond.sdk.amqp.DeliveryHandler;
import io.richmond.sdk.amqp.QueueConsumer;

/**
 * A {@link QueueConsumer} as a Spring bean: declares the topology, starts consuming with the context and, on
 * shutdown, lets in-flight deliveries finish and be acknowledged before it disconnects.
 *
 * <pre>{@code
 * @Bean
 * ManagedQueueConsumer events(RichmondAmqpProperties amqp, RabbitAdmin admin, EventHandler handler) {
 *     return new ManagedQueueConsumer(amqp, admin, "clickatell.event", 4, handler);
 * }
 * }</pre>
 */
public final class ManagedQueueConsumer implements SmartLifecycle {

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private final RichmondAmqpProperties properties;
    private final RabbitAdmin admin;
    private final String queue;
    private final int concurrency;
    private final DeliveryHandler handler;
    private ExecutorService dispatch;
    private Connection connection;
    private QueueConsumer consumer;

    public ManagedQueueConsumer(RichmondAmqpProperties properties, RabbitAdmin admin, String queue, int concurrency,
            DeliveryHandler handler) {
        this.properties = properties;
        this.admin = admin;
        this.queue = queue;
        this.concurrency = concurrency;
        this.handler = handler;
    }

    @Override
    public synchronized void start() {
        admin.initialize();
        dispatch = Executors.newFixedThreadPool(concurrency);
        try {
            connection = AmqpConnections.consumerConnection(properties.uri(), queue + " consumer", dispatch);
            consumer = new QueueConsumer(connection, queue, properties.prefetch(), concurrency, handler);
            consumer.start();
        } catch (IOException | TimeoutException | RuntimeException e) {
            closeConnection();
            dispatch.shutdown();
            consumer = null;
            throw new IllegalStateException("cannot consume " + queue + " at "
                    + AmqpConnections.redact(properties.uri()) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (consumer == null) {
            return;
        }
        consumer.close(SHUTDOWN_GRACE);
        closeConnection();
        dispatch.shutdown();
        consumer = null;
    }

    private void closeConnection() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            // Already closed by the broker or the network: nothing left to release.
        }
        connection = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return consumer != null;
    }
}
