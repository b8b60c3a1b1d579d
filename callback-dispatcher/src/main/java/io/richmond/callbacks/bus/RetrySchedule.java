package io.richmond.callbacks.bus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;

import io.richmond.callbacks.DispatcherProperties;

/**
 * Exponential back-off through RabbitMQ rather than sleeping threads: a delivery to retry is published to a delay
 * queue whose {@code x-message-ttl} is the wait and which dead-letters expired messages back to
 * {@code callbacks.deliveries}. One queue per distinct wait, because a queue TTL expires in order: a long wait never
 * holds up a short one. The number of attempts is fixed up front (as many as the waits that fit in
 * {@code give-up-after}), so every delivery of a job gets the same schedule whatever the broker's delays.
 */
public final class RetrySchedule {

    private final QueueNames names;
    private final List<Duration> waits;

    public RetrySchedule(QueueNames names, DispatcherProperties.Retry settings) {
        if (settings.multiplier() < 1 || settings.initialDelay().isNegative() || settings.initialDelay().isZero()
                || settings.maxDelay().compareTo(settings.initialDelay()) < 0
                || settings.giveUpAfter().compareTo(settings.initialDelay()) < 0) {
            throw new IllegalArgumentException("richmond.callbacks.retry needs multiplier >= 1 and"
                    + " 0 < initial-delay <= max-delay, initial-delay <= give-up-after, got " + settings);
        }
        this.names = names;
        this.waits = waits(settings);
    }

    private static List<Duration> waits(DispatcherProperties.Retry settings) {
        List<Duration> waits = new ArrayList<>();
        long total = 0;
        for (int failed = 1; ; failed++) {
            double millis = settings.initialDelay().toMillis() * Math.pow(settings.multiplier(), failed - 1);
            long wait = (long) Math.min(millis, settings.maxDelay().toMillis());
            if (total + wait > settings.giveUpAfter().toMillis()) {
                return List.copyOf(waits);
            }
            total += wait;
            waits.add(Duration.ofMillis(wait));
        }
    }

    public int maxAttempts() {
        return waits.size() + 1;
    }

    public boolean mayRetry(int attemptsMade) {
        return attemptsMade < maxAttempts();
    }

    /** The wait after the {@code attemptsMade}-th failed attempt (1 for the first). */
    public Duration waitAfter(int attemptsMade) {
        return waits.get(attemptsMade - 1);
    }

    /** The delay queue, and its routing key, for the wait after the {@code attemptsMade}-th failed attempt. */
    public String delayQueue(int attemptsMade) {
        return names.retry(waitAfter(attemptsMade).toMillis());
    }

    /** The shortest delay queue: where a delivery waits that could not even be tried. */
    public String shortestDelayQueue() {
        return delayQueue(1);
    }

    List<Declarable> declarables(DirectExchange exchange) {
        List<Declarable> declarables = new ArrayList<>();
        for (long wait : new LinkedHashSet<>(waits.stream().map(Duration::toMillis).toList())) {
            Queue queue = QueueBuilder.durable(names.retry(wait))
                    .withArguments(Map.of("x-message-ttl", wait,
                            "x-dead-letter-exchange", exchange.getName(),
                            "x-dead-letter-routing-key", names.deliveries()))
                    .build();
            declarables.add(queue);
            declarables.add(BindingBuilder.bind(queue).to(exchange).with(queue.getName()));
        }
        return declarables;
    }
}
