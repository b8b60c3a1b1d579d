package io.richmond.sms.clickatell;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.amqp.Topology;
import io.richmond.sdk.amqp.TransportQueues;
import io.richmond.sdk.boot.ManagedQueueConsumer;
import io.richmond.sdk.boot.RichmondAmqpProperties;
import io.richmond.sdk.message.MessageCodec;
import io.richmond.sms.SmsTransportProperties;
import io.richmond.sms.outbound.OutboundHandler;
import io.richmond.sms.outbound.ProviderHttp;
import io.richmond.sms.outbound.RetryPolicy;
import io.richmond.sms.webhook.ProviderWebhook;

/** Clickatell's queues, its outbound consumer and who may call its webhooks. */
@Configuration(proxyBeanMethods = false)
class ClickatellConfiguration {

    @Bean
    Declarables clickatellTopology(RichmondAmqpProperties amqp, ClickatellProperties properties) {
        return Topology.of(amqp.exchange(), new TransportQueues(properties.transportName()));
    }

    @Bean
    RetryPolicy clickatellRetry(RichmondAmqpProperties amqp, ClickatellProperties properties,
            SmsTransportProperties shared) {
        return new RetryPolicy(amqp.exchange(), new TransportQueues(properties.transportName()), shared.retry());
    }

    @Bean
    Declarables clickatellRetryQueues(RetryPolicy clickatellRetry) {
        return clickatellRetry.declarables();
    }

    @Bean
    HttpComponentsClientHttpRequestFactory clickatellHttp(ClickatellProperties properties) {
        return ProviderHttp.requestFactory(properties.concurrency(), properties.connectTimeout(),
                properties.timeout());
    }

    @Bean
    ManagedQueueConsumer clickatellOutbound(RichmondAmqpProperties amqp, RabbitAdmin admin,
            ClickatellProperties properties, HttpComponentsClientHttpRequestFactory clickatellHttp,
            RetryPolicy clickatellRetry, MessageCodec codec, MessagePublisher publisher) {
        TransportQueues queues = new TransportQueues(properties.transportName());
        ClickatellSender sender = new ClickatellSender(RestClient.builder().requestFactory(clickatellHttp).build(),
                properties);
        return new ManagedQueueConsumer(amqp, admin, queues.outbound(), properties.concurrency(),
                new OutboundHandler(queues, sender, clickatellRetry, codec, publisher));
    }

    @Bean
    ProviderWebhook clickatellWebhook(ClickatellProperties properties) {
        return new ProviderWebhook("clickatell", ClickatellWebhooks.PATH, properties.webhook());
    }
}
