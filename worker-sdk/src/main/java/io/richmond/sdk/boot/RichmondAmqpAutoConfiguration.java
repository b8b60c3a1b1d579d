package io.richmond.sdk.boot;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.richmond.sdk.amqp.AmqpConnections;
import io.richmond.sdk.amqp.ConfirmingPublisher;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.message.MessageCodec;

/**
 * Richmond's AMQP conventions for a Spring Boot service: a {@link MessagePublisher} on the configured exchange,
 * publishing through a {@link ConfirmingPublisher}; a Spring connection with correlated confirms and returns for
 * {@code RabbitTemplate} users; and the admin that declares the service's {@code Declarables} beans on every
 * (re)connection. Runs before Boot's own RabbitMQ auto-configuration, which then backs off.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@EnableConfigurationProperties(RichmondAmqpProperties.class)
public class RichmondAmqpAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MessageCodec messageCodec() {
        return new MessageCodec();
    }

    @Bean
    @ConditionalOnMissingBean(org.springframework.amqp.rabbit.connection.ConnectionFactory.class)
    CachingConnectionFactory rabbitConnectionFactory(RichmondAmqpProperties properties,
            @Value("${spring.application.name:richmond}") String applicationName) {
        CachingConnectionFactory factory =
                AmqpConnections.publisherConnectionFactory(properties.uri(), applicationName + " publisher");
        factory.setChannelCacheSize(properties.channelCacheSize());
        return factory;
    }

    @Bean
    @ConditionalOnMissingBean
    RabbitTemplate rabbitTemplate(CachingConnectionFactory connectionFactory) {
        return AmqpConnections.publisherTemplate(connectionFactory);
    }

    @Bean
    @ConditionalOnMissingBean
    RabbitAdmin amqpAdmin(CachingConnectionFactory connectionFactory) {
        return new RabbitAdmin(connectionFactory);
    }

    @Bean
    @ConditionalOnMissingBean
    ConfirmingPublisher confirmingPublisher(RichmondAmqpProperties properties,
            @Value("${spring.application.name:richmond}") String applicationName) {
        return new ConfirmingPublisher(properties.uri(), applicationName + " publisher",
                properties.publisherChannels());
    }

    @Bean
    @ConditionalOnMissingBean
    MessagePublisher messagePublisher(ConfirmingPublisher confirmingPublisher, MessageCodec codec,
            RichmondAmqpProperties properties) {
        return new MessagePublisher(confirmingPublisher, codec, properties.exchange());
    }
}
