package io.richmond.sms.outbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;

import io.richmond.sdk.amqp.TransportQueues;
import io.richmond.sms.SmsTransportProperties;

/**
 * Exponential back-off through RabbitMQ instead of sleeping threads: a message to retry is published to a delay
 * queue whose {@code x-message-ttl} is the wait, and which dead-letters expired messages back to
 * {@code <gw>.outbound}. There is one delay queue per distinct wait ({@code <gw>.outbound.retry.<millis>}); a queue
 * TTL, unlike a per-message one, expires messages in order, so a long wait never holds up a short one. The header
 * {@value #ATTEMPTS_HEADER} counts the sends made so far and survives dead-lettering.
 */
public final class RetryPolicy {

    public static final String ATTEMPTS_HEADER = "x-richmond-attempts";

    private final String exchange;
    private final TransportQueues queues;
    private final SmsTransportProperties.Retry settings;

    public RetryPolicy(String exchange, TransportQueues queues, SmsTransportProperties.Retry settings) {
        if (settings.maxAttempts() < 1 || settings.multiplier() < 1 || settings.initialDelay().isNegative()
                || settings.initialDelay().isZero() || settings.maxDelay().compareTo(settings.initialDelay()) < 0) {
            throw new IllegalArgumentException("richmond.sms.retry needs max-attempts >= 1, multiplier >= 1 and"
                    + " 0 < initial-delay <= max-delay, got " + settings);
        }
        this.exchange = exchange;
        this.queues = queues;
        this.settings = settings;
    }

    public int maxAttempts() {
        return settings.maxAttempts();
    }

    /** Whether a message that has been sent {@code attemptsMade} times may be sent again. */
    public boolean mayRetry(int attemptsMade) {
        return attemptsMade < settings.maxAttempts();
    }

    /** The wait after the {@code attemptsMade}-th failed send (1 for the first). */
    public Duration delayAfter(int attemptsMade) {
        double millis = settings.initialDelay().toMillis() * Math.pow(settings.multiplier(), attemptsMade - 1);
        return Duration.ofMillis((long) Math.min(millis, settings.maxDelay().toMillis()));
    }

    /** The delay queue, and its routing key, for the wait after the {@code attemptsMade}-th failed send. */
    public String delayQueue(int attemptsMade) {
        return queues.outbound() + ".retry." + delayAfter(attemptsMade).toMillis();
    }

    /** The delay queues every retry needs, bound to the exchange by their own names. */
    public Declarables declarables() {
        DirectExchange directExchange = new DirectExchange(exchange, true, false);
        Set<Long> delays = new LinkedHashSet<>();
        for (int attempt = 1; mayRetry(attempt); attempt++) {
            delays.add(delayAfter(attempt).toMillis());
        }
        List<Declarable> declarables = new ArrayList<>();
        for (long delay : delays) {
            String name = queues.outbound() + ".retry." + delay;
            Queue queue = QueueBuilder.durable(name)
                    .withArguments(Map.of("x-message-ttl", delay,
                            "x-dead-letter-exchange", exchange,
                            "x-dead-letter-routing-key", queues.outbound()))
                    .build();
            Binding binding = BindingBuilder.bind(queue).to(directExchange).with(name);
            declarables.add(queue);
            declarables.add(binding);
        }
        return new Declarables(declarables);
    }

    /** The names of the delay queues, for operators and tests. */
    public List<String> delayQueues() {
        return declarables().getDeclarablesByType(Queue.class).stream().map(Queue::getName).toList();
    }
}
