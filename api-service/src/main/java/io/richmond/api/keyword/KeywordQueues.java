package io.richmond.api.keyword;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.stereotype.Component;

import io.richmond.api.bus.BusNames;
import io.richmond.sdk.amqp.Topology;
import io.richmond.sdk.boot.RichmondAmqpProperties;

/** The durable queue {@code keyword.<keyword>} of each keyword, bound by its own name. */
@Component
public class KeywordQueues {

    private final RabbitAdmin admin;
    private final BusNames names;
    private final String exchange;

    KeywordQueues(RabbitAdmin admin, BusNames names, RichmondAmqpProperties amqp) {
        this.admin = admin;
        this.names = names;
        this.exchange = amqp.exchange();
    }

    /** Declares the keyword's queue (declaring it again changes nothing) and answers its name. */
    public String declare(String keyword) {
        String queue = names.keyword(keyword);
        DirectExchange direct = new DirectExchange(exchange, true, false);
        Queue durable = new Queue(queue, true, false, false);
        Topology.declare(admin, new Declarables(direct, durable, BindingBuilder.bind(durable).to(direct).with(queue)));
        return queue;
    }
}
