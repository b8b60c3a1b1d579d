package io.richmond.sms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import io.richmond.sdk.message.Message;
import io.richmond.sdk.message.MessageCodec;
import io.richmond.sdk.message.UserMessage;
import io.richmond.sms.outbound.RetryPolicy;
import io.richmond.testsupport.LocalServices;

/**
 * The whole sms-transport against the real RabbitMQ, on its own exchange and transport names so that nothing
 * another test or service declares is touched; everything declared is deleted on close. Unless the settings say
 * otherwise, the Clickatell webhooks take {@code clickatell:s3cret} and the Opera ones {@code opera:0pera}.
 */
public final class TransportHarness implements AutoCloseable {

    public static final Duration DEADLINE = Duration.ofSeconds(20);
    /** When the Opera fixtures were made: their Delivery is 2011-01-01T00:00:00. */
    public static final Instant FIXTURE_TIME = Instant.parse("2011-01-01T00:00:00Z");

    public final String clickatell;
    public final String opera;
    private final String exchange;
    private final ConfigurableApplicationContext context;
    private final Connection connection;
    private final Channel channel;
    private final MessageCodec codec = new MessageCodec();
    private final Map<String, List<Message>> received = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TransportHarness(Map<String, Object> settings) throws IOException, TimeoutException {
        String id = UUID.randomUUID().toString().substring(0, 8);
        exchange = "sms-test-" + id;
        clickatell = "clickatell-" + id;
        opera = "opera-" + id;
        URI amqp = LocalServices.amqpUri().orElseThrow();
        Map<String, Object> properties = new HashMap<>();
        properties.put("richmond.amqp.uri", amqp.toString());
        properties.put("richmond.amqp.exchange", exchange);
        properties.put("richmond.sms.clickatell.transport-name", clickatell);
        properties.put("richmond.sms.opera.transport-name", opera);
        properties.put("richmond.sms.clickatell.concurrency", 4);
        properties.put("richmond.sms.opera.concurrency", 4);
        properties.put("richmond.sms.retry.max-attempts", 3);
        properties.put("richmond.sms.retry.initial-delay", "200ms");
        properties.put("richmond.sms.retry.multiplier", 2);
        properties.put("server.port", 0);
        properties.put("spring.main.allow-bean-definition-overriding", true);
        properties.put("spring.main.banner-mode", "off");
        // sms-transport starts only with every provider's webhooks protected; tests may set others, or none.
        properties.put("richmond.sms.clickatell.webhook.username", "clickatell");
        properties.put("richmond.sms.clickatell.webhook.password", "s3cret");
        properties.put("richmond.sms.opera.webhook.username", "opera");
        properties.put("richmond.sms.opera.webhook.password", "0pera");
        properties.putAll(settings);
        context = new SpringApplicationBuilder(SmsTransportApplication.class, FixtureClock.class)
                .run(properties.entrySet().stream().map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                        .toArray(String[]::new));
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(amqp);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        connection = factory.newConnection("sms-transport test");
        channel = connection.createChannel();
    }

    /** Replaces the application's clock: a source class, not scanned, so only harnesses use it. */
    static class FixtureClock {
        @Bean
        Clock clock() {
            return Clock.fixed(FIXTURE_TIME, ZoneOffset.UTC);
        }
    }

    public static TransportHarness start(Map<String, Object> settings) throws IOException, TimeoutException {
        return new TransportHarness(settings);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    public UserMessage outbound(String transport, String to, String from, String content) {
        return UserMessage.builder().toAddr(to).fromAddr(from).content(content).transportName(transport)
                .transportType("sms").helperMetadata(Map.of("richmond", Map.of("sms_id", 1, "account_id", 1)))
                .build();
    }

    public void send(UserMessage message) throws IOException {
        channel.basicPublish(exchange, message.transportName() + ".outbound", true,
                new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2).build(),
                codec.encode(message));
    }

    /** Waits for a message on {@code queue} that {@code matches}. */
    public <T extends Message> T await(String queue, Class<T> type, Predicate<T> matches) {
        return org.awaitility.Awaitility.await().atMost(DEADLINE).until(() -> find(queue, type, matches), Optional::isPresent).orElseThrow();
    }

    /** Everything read from {@code queue} so far, after taking what is waiting there now. */
    public List<Message> drain(String queue) throws IOException {
        poll(queue);
        return List.copyOf(received.getOrDefault(queue, List.of()));
    }

    /** {@link #drain} for use in lambdas. */
    public List<Message> drainUnchecked(String queue) {
        try {
            return drain(queue);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private <T extends Message> Optional<T> find(String queue, Class<T> type, Predicate<T> matches)
            throws IOException {
        poll(queue);
        return received.getOrDefault(queue, List.of()).stream().filter(type::isInstance).map(type::cast)
                .filter(matches).findFirst();
    }

    private synchronized void poll(String queue) throws IOException {
        List<Message> messages = received.computeIfAbsent(queue, ignored -> new ArrayList<>());
        GetResponse response;
        while ((response = channel.basicGet(queue, true)) != null) {
            messages.add(codec.decode(response.getBody()));
        }
    }

    public HttpResponse<String> call(String method, String path, String contentType, byte[] body,
            String username, String password) throws IOException, InterruptedException {
        return call(method, path, contentType, body, username == null ? Map.of() : Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                        .getBytes(StandardCharsets.UTF_8))));
    }

    /** A call with these headers as they are, besides the content type. */
    public HttpResponse<String> call(String method, String path, String contentType, byte[] body,
            Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(DEADLINE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws IOException, TimeoutException {
        List<String> queues = new ArrayList<>();
        for (String transport : List.of(clickatell, opera)) {
            for (String suffix : List.of(".inbound", ".outbound", ".event", ".failures")) {
                queues.add(transport + suffix);
            }
        }
        queues.addAll(context.getBean("clickatellRetry", RetryPolicy.class).delayQueues());
        queues.addAll(context.getBean("operaRetry", RetryPolicy.class).delayQueues());
        context.close();
        for (String queue : queues) {
            channel.queueDelete(queue);
        }
        channel.exchangeDelete(exchange);
        connection.close();
    }
}
