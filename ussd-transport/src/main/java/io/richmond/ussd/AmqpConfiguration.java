package io.richmond.ussd;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.richmond.sdk.amqp.AmqpConnections;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.amqp.Topology;
import io.richmond.sdk.amqp.TransportQueues;
import io.richmond.sdk.message.MessageCodec;

/** Richmond's AMQP conventions from worker-sdk, wired from {@code richmond.amqp.*}. */
@Configuration(proxyBeanMethods = false)
class AmqpConfiguration {

    @Bean
    CachingConnectionFactory rabbitConnectionFactory(UssdTransportProperties properties) {
        return AmqpConnections.publisherConnectionFactory(properties.amqp().uri(), "ussd-transport publisher");
    }

    @Bean
    RabbitTemplate rabbitTemplate(CachingConnectionFactory connectionFactory) {
        return AmqpConnections.publisherTemplate(connectionFactory);
    }

    /** Declared by the admin on every (re)connection, so a broker that lost its definitions gets them back. */
    @Bean
    Declarables ussdTopology(UssdTransportProperties properties) {
        return Topology.of(properties.amqp().exchange(), new TransportQueues(properties.ussd().transportName()));
    }

    @Bean
    RabbitAdmin amqpAdmin(CachingConnectionFactory connectionFactory) {
        return new RabbitAdmin(connectionFactory);
    }

    @Bean
    MessagePublisher messagePublisher(RabbitTemplate rabbitTemplate, UssdTransportProperties properties) {
        return new MessagePublisher(rabbitTemplate, new MessageCodec(), properties.amqp().exchange());
    }
}
