package io.richmond.ussd;

import org.springframework.amqp.core.Declarables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.richmond.sdk.amqp.Topology;
import io.richmond.sdk.amqp.TransportQueues;
import io.richmond.sdk.boot.RichmondAmqpProperties;

/** The transport's queues; the connections and the publisher come from worker-sdk's auto-configuration. */
@Configuration(proxyBeanMethods = false)
class AmqpConfiguration {

    /** Declared by the admin on every (re)connection, so a broker that lost its definitions gets them back. */
    @Bean
    Declarables ussdTopology(RichmondAmqpProperties amqp, UssdTransportProperties properties) {
        return Topology.of(amqp.exchange(), new TransportQueues(properties.ussd().transportName()));
    }
}
