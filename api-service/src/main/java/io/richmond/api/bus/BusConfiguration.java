package io.richmond.api.bus;

import java.util.ArrayList;
import java.util.List;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import io.richmond.api.ApiProperties;
import io.richmond.api.account.AccountsCommand;
import io.richmond.api.inbound.InboundHandler;
import io.richmond.api.outbox.CallbackJobOutbox;
import io.richmond.api.sms.Gateway;
import io.richmond.api.tracking.EventBatches;
import io.richmond.sdk.amqp.MessageDispatcher;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.amqp.Topology;
import io.richmond.sdk.amqp.TransportQueues;
import io.richmond.sdk.boot.ManagedQueueConsumer;
import io.richmond.sdk.boot.RichmondAmqpProperties;
import io.richmond.sdk.message.Event;
import io.richmond.sdk.message.MessageCodec;
import io.richmond.sdk.message.UserMessage;

/**
 * What the API uses on the bus: the queues of both SMS transports, {@code callbacks.jobs}, and consumers of each
 * transport's {@code .event} and {@code .inbound}. A handler's delivery is acknowledged once its database
 * transaction committed and the callback jobs it made were published (or left to the sweeper).
 */
@Configuration(proxyBeanMethods = false)
@Profile("!" + AccountsCommand.PROFILE)
class BusConfiguration {

    /** Declared by the admin on every (re)connection, so a broker that lost its definitions gets them back. */
    @Bean
    Declarables smsTopology(RichmondAmqpProperties amqp, BusNames names) {
        List<Declarable> declarables = new ArrayList<>();
        for (Gateway gateway : Gateway.values()) {
            declarables.addAll(Topology.of(amqp.exchange(), names.queues(gateway)).getDeclarables());
        }
        DirectExchange exchange = new DirectExchange(amqp.exchange(), true, false);
        Queue jobs = new Queue(names.callbackJobs(), true, false, false);
        Binding binding = BindingBuilder.bind(jobs).to(exchange).with(names.callbackJobs());
        declarables.add(jobs);
        declarables.add(binding);
        return new Declarables(declarables);
    }

    @Bean
    ManagedQueueConsumer clickatellEvents(Consumers consumers) {
        return consumers.events(Gateway.CLICKATELL);
    }

    @Bean
    ManagedQueueConsumer operaEvents(Consumers consumers) {
        return consumers.events(Gateway.OPERA);
    }

    @Bean
    ManagedQueueConsumer clickatellInbound(Consumers consumers) {
        return consumers.inbound(Gateway.CLICKATELL);
    }

    @Bean
    ManagedQueueConsumer operaInbound(Consumers consumers) {
        return consumers.inbound(Gateway.OPERA);
    }

    @Bean
    Consumers consumers(RichmondAmqpProperties amqp, RabbitAdmin admin, MessageCodec codec,
            MessagePublisher publisher, EventBatches eventBatches, InboundHandler inbound, CallbackJobOutbox jobs,
            BusNames names, ApiProperties properties) {
        return new Consumers(amqp, admin, codec, publisher, eventBatches, inbound, jobs, names,
                properties.consumers());
    }

    /** Builds the consumers of one gateway's queues. */
    record Consumers(RichmondAmqpProperties amqp, RabbitAdmin admin, MessageCodec codec, MessagePublisher publisher,
            EventBatches eventBatches, InboundHandler inbound, CallbackJobOutbox jobs, BusNames names,
            int concurrency) {

        ManagedQueueConsumer events(Gateway gateway) {
            TransportQueues queues = names.queues(gateway);
            MessageDispatcher<Event> dispatcher = new MessageDispatcher<>(codec, publisher, queues.failures(),
                    Event.class, event -> eventBatches.submit(gateway, event).thenCompose(jobs::publish));
            return new ManagedQueueConsumer(amqp, admin, queues.event(), concurrency, dispatcher);
        }

        ManagedQueueConsumer inbound(Gateway gateway) {
            TransportQueues queues = names.queues(gateway);
            MessageDispatcher<UserMessage> dispatcher = new MessageDispatcher<>(codec, publisher, queues.failures(),
                    UserMessage.class, message -> inbound.handle(gateway, message));
            return new ManagedQueueConsumer(amqp, admin, queues.inbound(), concurrency, dispatcher);
        }
    }
}
