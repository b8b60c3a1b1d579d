package io.richmond.sms.opera;

import java.time.Clock;

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

/** Opera's queues, its outbound consumer and who may call its webhooks. */
@Configuration(proxyBeanMethods = false)
class OperaConfiguration {

    @Bean
    Declarables operaTopology(RichmondAmqpProperties amqp, OperaProperties properties) {
        return Topology.of(amqp.exchange(), new TransportQueues(properties.transportName()));
    }

    @Bean
    RetryPolicy operaRetry(RichmondAmqpProperties amqp, OperaProperties properties, SmsTransportProperties shared) {
        return new RetryPolicy(amqp.exchange(), new TransportQueues(properties.transportName()), shared.retry());
    }

    @Bean
    Declarables operaRetryQueues(RetryPolicy operaRetry) {
        return operaRetry.declarables();
    }

    @Bean
    HttpComponentsClientHttpRequestFactory operaHttp(OperaProperties properties) {
        return ProviderHttp.requestFactory(properties.concurrency(), properties.connectTimeout(),
                properties.timeout());
    }

    @Bean
    ManagedQueueConsumer operaOutbound(RichmondAmqpProperties amqp, RabbitAdmin admin, OperaProperties properties,
            HttpComponentsClientHttpRequestFactory operaHttp, RetryPolicy operaRetry, MessageCodec codec,
            MessagePublisher publisher, Clock clock) {
        TransportQueues queues = new TransportQueues(properties.transportName());
        OperaSender sender = new OperaSender(RestClient.builder().requestFactory(operaHttp).build(), properties,
                clock);
        return new ManagedQueueConsumer(amqp, admin, queues.outbound(), properties.concurrency(),
                new OutboundHandler(queues, sender, operaRetry, codec, publisher));
    }

    @Bean
    ProviderWebhook operaWebhook(OperaProperties properties) {
        return new ProviderWebhook("opera", OperaWebhooks.PATH, properties.webhook());
    }
}
