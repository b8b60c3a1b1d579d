package io.richmond.callbacks.bus;

import java.util.ArrayList;
import java.util.List;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.richmond.callbacks.DispatcherProperties;
import io.richmond.callbacks.delivery.DeliveryConsumer;
import io.richmond.callbacks.delivery.JobConsumer;
import io.richmond.sdk.boot.ManagedQueueConsumer;
import io.richmond.sdk.amqp.ConfirmingPublisher;
import io.richmond.sdk.amqp.RawPublisher;
import io.richmond.sdk.boot.RichmondAmqpProperties;

/** The dispatcher's queues, declared on every (re)connection, and its two consumers. */
@Configuration(proxyBeanMethods = false)
class BusConfiguration {

    @Bean
    QueueNames queueNames(DispatcherProperties properties) {
        return new QueueNames(properties.busPrefix());
    }

    @Bean
    RetrySchedule retrySchedule(QueueNames names, DispatcherProperties properties) {
        return new RetrySchedule(names, properties.retry());
    }

    @Bean
    RawPublisher rawPublisher(ConfirmingPublisher confirmingPublisher, RichmondAmqpProperties amqp) {
        return new RawPublisher(confirmingPublisher, amqp.exchange());
    }

    @Bean
    Declarables callbackTopology(RichmondAmqpProperties amqp, QueueNames names, RetrySchedule retry) {
        DirectExchange exchange = new DirectExchange(amqp.exchange(), true, false);
        List<Declarable> declarables = new ArrayList<>(List.of(exchange));
        // callbacks.jobs as api-service declares it: a second declaration with other arguments would fail.
        for (String name : List.of(names.jobs(), names.deliveries(), names.dead())) {
            Queue queue = new Queue(name, true, false, false);
            declarables.add(queue);
            declarables.add(BindingBuilder.bind(queue).to(exchange).with(name));
        }
        declarables.addAll(retry.declarables(exchange));
        return new Declarables(declarables);
    }

    @Bean
    ManagedQueueConsumer jobsConsumer(RichmondAmqpProperties amqp, RabbitAdmin admin, QueueNames names,
            DispatcherProperties properties, JobConsumer handler) {
        return new ManagedQueueConsumer(amqp, admin, names.jobs(), properties.consumers(), handler);
    }

    @Bean
    ManagedQueueConsumer deliveriesConsumer(RichmondAmqpProperties amqp, RabbitAdmin admin, QueueNames names,
            DispatcherProperties properties, DeliveryConsumer handler) {
        return new ManagedQueueConsumer(amqp, admin, names.deliveries(), properties.consumers(), handler);
    }
}
