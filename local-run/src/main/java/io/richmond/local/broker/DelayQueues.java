package io.richmond.local.broker;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.qpid.server.model.AbstractConfigurationChangeListener;
import org.apache.qpid.server.model.AlternateBinding;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.VirtualHost;

/**
 * Gives Richmond's delay queues their meaning on Qpid Broker-J. The services declare each one with RabbitMQ's
 * {@code x-message-ttl}, {@code x-dead-letter-exchange} and {@code x-dead-letter-routing-key} arguments, which
 * Qpid does not implement (it is told to ignore them rather than refuse the declaration). Every delay queue is
 * named {@code <queue>.retry.<millis>} and dead-letters to {@code <queue>}, bound by its own name: that rule is
 * enough to set Qpid's equivalents as the queue appears. Messages then expire after {@code millis} and move to
 * {@code <queue>}, as they would on RabbitMQ.
 *
 * <p>Not covered: worker-sdk's {@code <queue>.blocked} job queues, whose waits are per-message expirations. Qpid
 * reads an AMQP 0-9-1 expiration as a point in time, not as RabbitMQ's "milliseconds from now", so such a job
 * would expire on arrival whatever this class did.
 */
final class DelayQueues extends AbstractConfigurationChangeListener {

    private static final Pattern NAME = Pattern.compile("(.+)\\.retry\\.(\\d+)");

    private final VirtualHost<?> virtualHost;

    private DelayQueues(VirtualHost<?> virtualHost) {
        this.virtualHost = virtualHost;
    }

    /** Adapts the delay queues the virtual host has (kept from an earlier run) and every one declared later. */
    static void adaptAll(VirtualHost<?> virtualHost) {
        DelayQueues delayQueues = new DelayQueues(virtualHost);
        virtualHost.addChangeListener(delayQueues);
        virtualHost.getChildren(Queue.class).forEach(delayQueues::adapt);
    }

    @Override
    public void childAdded(ConfiguredObject<?> parent, ConfiguredObject<?> child) {
        if (child instanceof Queue<?> queue) {
            adapt(queue);
        }
    }

    private void adapt(Queue<?> queue) {
        Matcher name = NAME.matcher(queue.getName());
        if (!name.matches()) {
            return;
        }
        String target = name.group(1);
        long ttl = Long.parseLong(name.group(2));
        AlternateBinding alternate = queue.getAlternateBinding();
        if (queue.getMaximumMessageTtl() == ttl && queue.getExpiryPolicy() == Queue.ExpiryPolicy.ROUTE_TO_ALTERNATE
                && alternate != null && Objects.equals(alternate.getDestination(), target)) {
            return;
        }
        // Qpid refuses an alternate binding to a queue that does not exist yet; the service declares it soon after
        // (durable, no arguments), which then finds this one.
        if (virtualHost.getChildByName(Queue.class, target) == null) {
            virtualHost.createChild(Queue.class, Map.of(Queue.NAME, target, Queue.DURABLE, true));
        }
        queue.setAttributes(Map.of(
                Queue.MAXIMUM_MESSAGE_TTL, ttl,
                Queue.EXPIRY_POLICY, Queue.ExpiryPolicy.ROUTE_TO_ALTERNATE,
                Queue.ALTERNATE_BINDING, Map.of(AlternateBinding.DESTINATION, target)));
    }
}
