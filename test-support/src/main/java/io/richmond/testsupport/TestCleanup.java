package io.richmond.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Collection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Removes what a test run declared on the real services: its schema, its queues and its exchange. Failures are
 * logged, not thrown: a clean-up that fails must not hide the test's own outcome.
 */
public final class TestCleanup {

    private static final Logger log = LoggerFactory.getLogger(TestCleanup.class);

    private TestCleanup() {
    }

    public static void dropSchema(String schema) {
        LocalServices.Database db = LocalServices.postgres().orElseThrow();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        } catch (Exception e) {
            log.warn("could not drop test schema {}: {}", schema, e.toString());
        }
    }

    public static void deleteQueuesAndExchange(Collection<String> queues, String exchange) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(LocalServices.amqpUri().orElseThrow());
            try (com.rabbitmq.client.Connection connection = factory.newConnection();
                    Channel channel = connection.createChannel()) {
                for (String queue : queues) {
                    channel.queueDelete(queue);
                }
                channel.exchangeDelete(exchange);
            }
        } catch (Exception e) {
            log.warn("could not delete the test queues and exchange {}: {}", exchange, e.toString());
        }
    }
}
