package io.richmond.callbacks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.SmartLifecycle;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;

import io.richmond.testsupport.LocalServices;

/** Removes a test context's schema, queues and exchange when it closes, after the consumers stopped. */
@TestConfiguration(proxyBeanMethods = false)
class TestResources implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TestResources.class);

    private final String name;
    private final Declarables topology;
    private volatile boolean running;

    TestResources(@Value("${richmond.test.name}") String name, Declarables callbackTopology) {
        this.name = name;
        this.topology = callbackTopology;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        LocalServices.Database db = LocalServices.postgres().orElseThrow();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + name + " cascade");
        } catch (Exception e) {
            log.warn("could not drop test schema {}: {}", name, e.toString());
        }
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(LocalServices.amqpUri().orElseThrow());
            try (com.rabbitmq.client.Connection connection = factory.newConnection();
                    Channel channel = connection.createChannel()) {
                for (Queue queue : topology.getDeclarablesByType(Queue.class)) {
                    channel.queueDelete(queue.getName());
                }
                channel.exchangeDelete(name);
            }
        } catch (Exception e) {
            log.warn("could not delete test queues of {}: {}", name, e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
