package io.richmond.sdk.amqp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;

/** What Richmond declares on the broker: one durable direct exchange, and a durable queue per routing key. */
public final class Topology {

    public static final String DEFAULT_EXCHANGE = "richmond";

    private Topology() {
    }

    /** The exchange and the four queues of a transport, bound by their own names. */
    public static Declarables of(String exchange, TransportQueues queues) {
        checkExchangeName(exchange);
        Objects.requireNonNull(queues, "queues");
        DirectExchange directExchange = new DirectExchange(exchange, true, false);
        List<Declarable> declarables = new ArrayList<>();
        declarables.add(directExchange);
        for (String name : queues.all()) {
            Queue queue = new Queue(name, true, false, false);
            Binding binding = BindingBuilder.bind(queue).to(directExchange).with(name);
            declarables.add(queue);
            declarables.add(binding);
        }
        return new Declarables(declarables);
    }

    /**
     * The broker refuses to declare the default exchange ({@code ""}) and the {@code amq.} ones, which are its own;
     * refusing them here says why instead of a channel error later.
     */
    public static void checkExchangeName(String exchange) {
        if (exchange == null || exchange.isBlank() || exchange.startsWith("amq.")) {
            throw new IllegalArgumentException("exchange name must be set and not start with 'amq.' (the broker's"
                    + " own exchanges), got '" + exchange + "'");
        }
    }

    /** Declares everything now; declaring what exists with the same arguments changes nothing. */
    public static void declare(AmqpAdmin admin, Declarables declarables) {
        for (Declarable declarable : declarables.getDeclarables()) {
            if (declarable instanceof DirectExchange exchange) {
                admin.declareExchange(exchange);
            } else if (declarable instanceof Queue queue) {
                admin.declareQueue(queue);
            } else if (declarable instanceof Binding binding) {
                admin.declareBinding(binding);
            } else {
                throw new IllegalArgumentException("cannot declare " + declarable);
            }
        }
    }
}
