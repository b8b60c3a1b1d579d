package io.richmond.ussd;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.rabbitmq.client.Connection;

import io.richmond.sdk.amqp.AmqpConnections;
import io.richmond.sdk.amqp.MessageDispatcher;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.amqp.QueueConsumer;
import io.richmond.sdk.amqp.TransportQueues;
import io.richmond.sdk.boot.RichmondAmqpProperties;
import io.richmond.sdk.message.MessageCodec;
import io.richmond.sdk.message.UserMessage;
import io.richmond.ussd.ssmi.SsmiClient;
import io.richmond.ussd.ssmi.SsmiClientSettings;
import io.richmond.ussd.ssmi.SsmiCommand;
import io.richmond.ussd.ssmi.SsmiListener;

/**
 * The USSD transport: what TruTeq sends over SSMI is published on {@code <transport>.inbound}, and what workers
 * publish on {@code <transport>.outbound} is sent to TruTeq. One SSMI connection serves every worker, because
 * TruTeq allows one login per account.
 *
 * <p>A reply that arrives while the SSMI link is down waits, unacknowledged, until the transport has logged in
 * again; the consumer's prefetch bounds how many wait.
 */
@Component
public class UssdTransport implements SmartLifecycle, SsmiListener {

    private static final Logger log = LoggerFactory.getLogger(UssdTransport.class);

    private final UssdTransportProperties properties;
    private final RichmondAmqpProperties amqp;
    private final TransportQueues queues;
    private final MessagePublisher publisher;
    private final RabbitAdmin admin;
    private final SsmiMessageMapper mapper;
    private final SsmiClient client;
    private final Object linkLock = new Object();
    private final List<CompletableFuture<Void>> awaitingLogin = new ArrayList<>();
    private boolean linkUp;
    private ExecutorService dispatch;
    private Connection consumerConnection;
    private QueueConsumer outbound;
    private volatile boolean running;

    public UssdTransport(UssdTransportProperties properties, RichmondAmqpProperties amqp, MessagePublisher publisher,
            RabbitAdmin admin) {
        this.properties = properties;
        this.amqp = amqp;
        this.queues = new TransportQueues(properties.ussd().transportName());
        this.publisher = publisher;
        this.admin = admin;
        this.mapper = new SsmiMessageMapper(queues.transportName(), new UssdSessions(properties.ussd().sessionLifetime()));
        UssdTransportProperties.Ssmi ssmi = properties.ssmi();
        this.client = new SsmiClient(new SsmiClientSettings(ssmi.host(), ssmi.port(), ssmi.username(),
                ssmi.password(), ssmi.charset(), ssmi.linkCheckPeriod(), ssmi.reconnectInitialDelay(),
                ssmi.reconnectMaxDelay(), ssmi.maxLineLength()), this);
    }

    @Override
    public void start() {
        admin.initialize();
        MessageDispatcher<UserMessage> dispatcher = new MessageDispatcher<>(new MessageCodec(), publisher,
                queues.failures(), UserMessage.class, message -> send(mapper.outbound(message)));
        // One consumer keeps each session's replies in order; sends are asynchronous, so it is not a bottleneck.
        dispatch = Executors.newSingleThreadExecutor();
        try {
            consumerConnection = AmqpConnections.consumerConnection(amqp.uri(),
                    "ussd-transport " + queues.transportName(), dispatch);
            outbound = new QueueConsumer(consumerConnection, queues.outbound(), amqp.prefetch(), 1,
                    dispatcher);
            outbound.start();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot consume " + queues.outbound() + " at "
                    + AmqpConnections.redact(amqp.uri()) + ": " + e.getMessage(), e);
        }
        client.start();
        running = true;
        log.info("USSD transport '{}' started: SSMI {}:{}, publishing {}, consuming {}", queues.transportName(),
                properties.ssmi().host(), properties.ssmi().port(), queues.inbound(), queues.outbound());
    }

    @Override
    public void stop() {
        running = false;
        outbound.close(properties.ussd().shutdownGrace());
        client.close();
        try {
            consumerConnection.close();
        } catch (IOException | RuntimeException e) {
            log.debug("closing consumer connection: {}", e.toString());
        }
        dispatch.shutdown();
        log.info("USSD transport '{}' stopped", queues.transportName());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether the SSMI link is logged in. */
    public boolean isLinkUp() {
        synchronized (linkLock) {
            return linkUp;
        }
    }

    @Override
    public void loggedIn() {
        List<CompletableFuture<Void>> waiting;
        synchronized (linkLock) {
            linkUp = true;
            waiting = List.copyOf(awaitingLogin);
            awaitingLogin.clear();
        }
        if (!waiting.isEmpty()) {
            log.info("SSMI link up: sending {} replies that waited for it", waiting.size());
        }
        waiting.forEach(login -> login.complete(null));
    }

    @Override
    public void disconnected() {
        synchronized (linkLock) {
            linkUp = false;
        }
    }

    /** Called on the SSMI event loop: publishing must not wait for the broker's confirm. */
    @Override
    public void received(SsmiCommand command) {
        mapper.inbound(command).ifPresentOrElse(
                message -> publisher.publish(queues.inbound(), message).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        log.error("could not publish USSD message {} from {} to {}: {}", message.messageId(),
                                message.fromAddr(), queues.inbound(), failure.toString());
                    }
                }),
                () -> log.info("received {} from TruTeq; not a USSD message, dropping it", command));
    }

    /**
     * Writes the reply, or holds it until the link is up: a reply is only let go once TruTeq has it. A write that
     * fails while the link stays up is not the link's fault and goes to the failures queue.
     */
    private CompletableFuture<Void> send(SsmiCommand command) {
        return whenLinkUp().thenCompose(up -> client.send(command))
                .exceptionallyCompose(failure -> {
                    if (client.isLoggedIn()) {
                        return CompletableFuture.failedFuture(failure);
                    }
                    log.warn("sending {} failed ({}); it waits for the SSMI link", command, failure.toString());
                    synchronized (linkLock) {
                        linkUp = false;
                    }
                    return send(command);
                });
    }

    private CompletableFuture<Void> whenLinkUp() {
        synchronized (linkLock) {
            if (linkUp) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> login = new CompletableFuture<>();
            awaitingLogin.add(login);
            return login;
        }
    }
}
