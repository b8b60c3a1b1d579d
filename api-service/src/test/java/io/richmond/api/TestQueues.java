package io.richmond.api;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import io.richmond.testsupport.LocalServices;

/** Reads what the service published, straight off the broker, as sms-transport or a dispatcher would. */
final class TestQueues implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;

    TestQueues() {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(LocalServices.amqpUri().orElseThrow());
            connection = factory.newConnection("api-service test");
            channel = connection.createChannel();
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach RabbitMQ: " + e, e);
        }
    }

    /** The next {@code count} message bodies of the queue, waiting for them up to {@code deadline}. */
    List<byte[]> take(String queue, int count, Duration deadline) {
        List<byte[]> bodies = new ArrayList<>();
        await().atMost(deadline).until(() -> {
            GetResponse response = channel.basicGet(queue, true);
            while (response != null) {
                bodies.add(response.getBody());
                response = bodies.size() < count ? channel.basicGet(queue, true) : null;
            }
            return bodies.size() >= count;
        });
        return bodies;
    }

    /** How many messages wait in the queue now. */
    long count(String queue) {
        try {
            return channel.messageCount(queue);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void purge(String queue) {
        try {
            channel.queuePurge(queue);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void delete(String queue) {
        try {
            channel.queueDelete(queue);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
