package io.richmond.api.inbound;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import io.richmond.api.ApiProperties;
import io.richmond.api.account.AccountsCommand;
import io.richmond.api.bus.BusNames;
import io.richmond.api.outbox.SmsOutbox;
import io.richmond.sdk.amqp.MessageDispatcher;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.boot.ManagedQueueConsumer;
import io.richmond.sdk.boot.RichmondAmqpProperties;
import io.richmond.sdk.message.MessageCodec;
import io.richmond.sdk.message.UserMessage;

/**
 * {@code sms.replies} and its {@code .failures}, and the consumer that sends the replies. A reply's delivery is
 * acknowledged once its SMS is stored and published (or left to the sweeper).
 */
@Configuration(proxyBeanMethods = false)
@Profile("!" + AccountsCommand.PROFILE)
class RepliesConfiguration {

    @Bean
    Declarables smsRepliesTopology(RichmondAmqpProperties amqp, BusNames names) {
        DirectExchange exchange = new DirectExchange(amqp.exchange(), true, false);
        Queue replies = new Queue(names.smsReplies(), true, false, false);
        Queue failures = new Queue(names.smsRepliesFailures(), true, false, false);
        return new Declarables(exchange, replies, failures,
                BindingBuilder.bind(replies).to(exchange).with(names.smsReplies()),
                BindingBuilder.bind(failures).to(exchange).with(names.smsRepliesFailures()));
    }

    @Bean
    ManagedQueueConsumer smsReplies(RichmondAmqpProperties amqp, RabbitAdmin admin, MessageCodec codec,
            MessagePublisher publisher, InboundReplies replies, SmsOutbox outbox, BusNames names,
            ApiProperties properties) {
        MessageDispatcher<UserMessage> dispatcher = new MessageDispatcher<>(codec, publisher,
                names.smsRepliesFailures(), UserMessage.class, reply -> outbox.publish(replies.accept(reply)));
        return new ManagedQueueConsumer(amqp, admin, names.smsReplies(), properties.consumers(), dispatcher);
    }
}
