import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;

/**
 * Pushes N outbound SMS through a running sms-transport and times them from the first publish to the last ack
 * or nack on the event queue. Arguments: AMQP URI, exchange, transport name, count; or {@code delete-exchange},
 * AMQP URI, exchange, to remove the run's exchange afterwards.
 */
public class SmsTransportThroughput {

    private static final DateTimeFormatter VUMI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    public static void main(String[] args) throws Exception {
        if (args[0].equals("delete-exchange")) {
            deleteExchange(args[1], args[2]);
            return;
        }
        String uri = args[0];
        String exchange = args[1];
        String transport = args[2];
        int count = Integer.parseInt(args[3]);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        try (Connection connection = factory.newConnection("sms-transport throughput bench")) {
            Channel events = connection.createChannel();
            events.basicQos(500);
            AtomicInteger acks = new AtomicInteger();
            AtomicInteger nacks = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(count);
            DeliverCallback onEvent = (tag, delivery) -> {
                String body = new String(delivery.getBody(), StandardCharsets.UTF_8);
                if (body.contains("\"event_type\":\"ack\"") || body.contains("\"event_type\": \"ack\"")) {
                    acks.incrementAndGet();
                } else {
                    nacks.incrementAndGet();
                }
                events.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
                done.countDown();
            };
            events.basicConsume(transport + ".event", false, onEvent, tag -> { });

            Channel publisher = connection.createChannel();
            publisher.confirmSelect();
            AMQP.BasicProperties persistent = new AMQP.BasicProperties.Builder()
                    .contentType("application/json").deliveryMode(2).build();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                publisher.basicPublish(exchange, transport + ".outbound", true, persistent, message(transport, i));
                if (i % 1000 == 999) {
                    publisher.waitForConfirmsOrDie(30_000);
                }
            }
            publisher.waitForConfirmsOrDie(30_000);
            long published = System.nanoTime();
            boolean complete = done.await(300, TimeUnit.SECONDS);
            long end = System.nanoTime();
            double seconds = (end - start) / 1e9;
            System.out.printf("sent %d, acks %d, nacks %d, complete %s%n", count, acks.get(), nacks.get(), complete);
            System.out.printf("published in %.2f s; all events in %.2f s: %.0f msg/s%n",
                    (published - start) / 1e9, seconds, count / seconds);
            if (!complete || nacks.get() > 0) {
                System.exit(1);
            }
        }
    }

    private static byte[] message(String transport, int i) {
        String id = UUID.randomUUID().toString().replace("-", "");
        String json = "{\"message_version\":\"20110921\",\"message_type\":\"user_message\",\"timestamp\":\""
                + VUMI_TIME.format(LocalDateTime.now(ZoneOffset.UTC)) + "\",\"routing_metadata\":{},"
                + "\"helper_metadata\":{},\"message_id\":\"" + id + "\",\"in_reply_to\":null,\"provider\":null,"
                + "\"session_event\":null,\"content\":\"bench message " + i + "\",\"transport_metadata\":{},"
                + "\"group\":null,\"to_addr_type\":null,\"from_addr_type\":null,\"to_addr\":\"2782" + (1000000 + i)
                + "\",\"from_addr\":\"27123456789\",\"transport_name\":\"" + transport
                + "\",\"transport_type\":\"sms\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static void deleteExchange(String uri, String exchange) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        try (Connection connection = factory.newConnection("sms-transport bench cleanup");
                Channel channel = connection.createChannel()) {
            channel.exchangeDelete(exchange);
        }
    }
}
