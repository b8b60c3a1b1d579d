package io.richmond.fault;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.richmond.testsupport.RequiresPostgres;
import io.richmond.testsupport.RequiresRabbitMq;

/**
 * RabbitMQ stopped under load ({@code rabbitmqctl stop_app}) and started again: every service reconnects, and what
 * was accepted while it was away is published when it is back. The broker is always started again, even when the
 * scenario fails.
 */
@RequiresRabbitMq
@RequiresPostgres
@Order(5)
class BrokerRestartIT {

    private static final Duration DOWN_FOR = Duration.ofSeconds(5);

    @RegisterExtension
    static final SharedRichmond richmond = new SharedRichmond();

    @BeforeAll
    static void needsRabbitmqctl() {
        SystemCommand.assumeAvailable("rabbitmqctl");
    }

    @Test
    void nothingAcceptedIsLostWhenTheBrokerRestarts() throws Exception {
        Scenario.run(richmond.get(), "broker restart", new Fault() {
            @Override
            public void inject() throws Exception {
                SystemCommand.run("rabbitmqctl", "stop_app");
            }

            @Override
            public void recover() throws Exception {
                SystemCommand.run("rabbitmqctl", "start_app");
                SystemCommand.run("rabbitmqctl", "await_startup");
            }
        }, (load, attempts, sinceInject) -> sinceInject.compareTo(DOWN_FOR) >= 0);
    }
}
