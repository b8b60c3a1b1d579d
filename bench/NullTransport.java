import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * The broker's share of the sending bench: a transport that sends nothing. It declares what sms-transport declares
 * for one transport, and for each outbound message publishes a persistent ack event, waits for the broker's confirm
 * and then acknowledges the message, as sms-transport does. Its rate is the most any transport can reach with this
 * broker on this machine. Arguments: AMQP URI, exchange, transport name, channels, prefetch. Runs until killed.
 */
public class NullTransport {

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        String exchange = args[1];
        String transport = args[2];
        int channels = Integer.parseInt(args[3]);
        int prefetch = Integer.parseInt(args[4]);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        Connection connection = factory.newConnection("null transport");
        Channel admin = connection.createChannel();
        admin.exchangeDeclare(exchange, "direct", true);
        for (String suffix : new String[] {"outbound", "event"}) {
            admin.queueDeclare(transport + "." + suffix, true, false, false, null);
            admin.queueBind(transport + "." + suffix, exchange, transport + "." + suffix);
        }
        for (int i = 0; i < channels; i++) {
            consume(connection, exchange, transport, prefetch);
        }
        System.out.println("null transport consuming " + transport + ".outbound with " + channels + " channels");
    }

    private static void consume(Connection connection, String exchange, String transport, int prefetch)
            throws Exception {
        Channel channel = connection.createChannel();
        channel.basicQos(prefetch);
        channel.confirmSelect();
        // Publish sequence number -> delivery tag to acknowledge once that publish is confirmed.
        ConcurrentNavigableMap<Long, Long> unconfirmed = new ConcurrentSkipListMap<>();
        channel.addConfirmListener((sequence, multiple) -> {
            Map<Long, Long> confirmed = multiple ? unconfirmed.headMap(sequence, true) : Map.of(sequence,
                    unconfirmed.getOrDefault(sequence, -1L));
            long highest = -1;
            for (long tag : confirmed.values()) {
                highest = Math.max(highest, tag);
            }
            if (multiple) {
                confirmed.clear();
            } else {
                unconfirmed.remove(sequence);
            }
            if (highest >= 0) {
                channel.basicAck(highest, multiple);
            }
        }, (sequence, multiple) -> {
            throw new IllegalStateException("the broker refused an event");
        });
        AMQP.BasicProperties persistent = new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(2).build();
        channel.basicConsume(transport + ".outbound", false, (tag, delivery) -> {
            String body = new String(delivery.getBody(), StandardCharsets.UTF_8);
            String event = "{\"event_type\":\"ack\",\"user_message_id\":\"" + body.hashCode() + "\"}";
            unconfirmed.put(channel.getNextPublishSeqNo(), delivery.getEnvelope().getDeliveryTag());
            channel.basicPublish(exchange, transport + ".event", true, persistent,
                    event.getBytes(StandardCharsets.UTF_8));
        }, tag -> { });
    }
}
