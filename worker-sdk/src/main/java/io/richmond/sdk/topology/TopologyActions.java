package io.richmond.sdk.topology;

import java.io.PrintWriter;
import java.util.Objects;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.RabbitUtils;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import com.rabbitmq.client.ShutdownSignalException;

import io.richmond.sdk.topology.TopologyConfig.ExchangeSpec;
import io.richmond.sdk.topology.TopologyConfig.QueueSpec;

/** Creates, lists or deletes what a {@link TopologyConfig} declares, saying what it did, one line each. */
public final class TopologyActions {

    private final RabbitAdmin admin;
    private final PrintWriter out;

    public TopologyActions(RabbitAdmin admin, PrintWriter out) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Declares every exchange, queue and binding; what exists already is left as it is. */
    public void create(TopologyConfig config) {
        for (ExchangeSpec exchange : config.exchanges()) {
            boolean existed = exchangeExists(exchange.name());
            admin.declareExchange(new ExchangeBuilder(exchange.name(), exchange.type()).durable(true).build());
            out.printf("exchange '%s' (%s): %s%n", exchange.name(), exchange.type(), existed ? "exists" : "created");
        }
        for (QueueSpec queue : config.queues()) {
            boolean existed = admin.getQueueInfo(queue.name()) != null;
            admin.declareQueue(QueueBuilder.durable(queue.name()).build());
            out.printf("durable queue '%s': %s%n", queue.name(), existed ? "exists" : "created");
            for (String key : queue.routingKeys()) {
                admin.declareBinding(binding(queue, key));
                out.printf("  bound to %s['%s']%n", queue.exchange(), key);
            }
        }
        out.flush();
    }

    /**
     * Says whether each exchange and queue exists (bindings cannot be looked up over AMQP: they are listed as
     * declared). Returns whether everything exists.
     */
    public boolean list(TopologyConfig config) {
        boolean complete = true;
        for (ExchangeSpec exchange : config.exchanges()) {
            boolean exists = exchangeExists(exchange.name());
            complete &= exists;
            out.printf("exchange '%s' (%s): %s%n", exchange.name(), exchange.type(), exists ? "exists" : "missing");
        }
        for (QueueSpec queue : config.queues()) {
            QueueInformation info = admin.getQueueInfo(queue.name());
            complete &= info != null;
            out.printf("queue '%s': %s%n", queue.name(), info == null ? "missing"
                    : "exists, " + info.getMessageCount() + " messages ready, " + info.getConsumerCount()
                            + " consumers");
            for (String key : queue.routingKeys()) {
                out.printf("  bound to %s['%s'] (as declared; not checked)%n", queue.exchange(), key);
            }
        }
        out.flush();
        return complete;
    }

    /** Deletes the queues, with their messages, then the exchanges; bindings go with them. */
    public void delete(TopologyConfig config) {
        for (QueueSpec queue : config.queues()) {
            boolean existed = admin.getQueueInfo(queue.name()) != null;
            admin.deleteQueue(queue.name());
            out.printf("queue '%s': %s%n", queue.name(), existed ? "deleted" : "was not there");
        }
        for (ExchangeSpec exchange : config.exchanges()) {
            boolean existed = exchangeExists(exchange.name());
            admin.deleteExchange(exchange.name());
            out.printf("exchange '%s': %s%n", exchange.name(), existed ? "deleted" : "was not there");
        }
        out.flush();
    }

    private static Binding binding(QueueSpec queue, String key) {
        return new Binding(queue.name(), Binding.DestinationType.QUEUE, queue.exchange(), key, null);
    }

    /** A passive declare: the broker closes the channel with 404 when the exchange does not exist. */
    private boolean exchangeExists(String name) {
        try {
            admin.getRabbitTemplate().execute(channel -> channel.exchangeDeclarePassive(name));
            return true;
        } catch (AmqpException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ShutdownSignalException signal
                        && RabbitUtils.isPassiveDeclarationChannelClose(signal)) {
                    return false;
                }
            }
            throw e;
        }
    }
}
