package io.richmond.sdk.amqp;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rabbitmq.client.Delivery;

import io.richmond.sdk.message.FailureMessage;
import io.richmond.sdk.message.FailureMessage.FailureCode;
import io.richmond.sdk.message.Message;
import io.richmond.sdk.message.MessageCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Turns deliveries into messages for a {@link MessageHandler}. A delivery that does not decode, or whose handler
 * throws or fails, is published to the transport's {@code .failures} key as a {@code failure_message} with the
 * reason, and consumption goes on: one bad message never blocks a queue. A failure that passes by itself (a
 * {@link TemporaryFailure}, such as the database restarting) is no fault of the message: it goes back on its queue
 * after {@link #RETRY_DELAY}, to be handled again.
 */
public final class MessageDispatcher<T extends Message> implements DeliveryHandler {

    private static final Logger log = LoggerFactory.getLogger(MessageDispatcher.class);

    /** Long enough not to spin on a database that is restarting; short enough that a blip costs little. */
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final MessageCodec codec;
    private final MessagePublisher publisher;
    private final String failuresRoutingKey;
    private final Class<T> type;
    private final MessageHandler<T> handler;

    public MessageDispatcher(MessageCodec codec, MessagePublisher publisher, String failuresRoutingKey,
            Class<T> type, MessageHandler<T> handler) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.failuresRoutingKey = Objects.requireNonNull(failuresRoutingKey, "failuresRoutingKey");
        this.type = Objects.requireNonNull(type, "type");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public CompletionStage<?> handle(Delivery delivery) {
        byte[] body = delivery.getBody();
        String source = delivery.getEnvelope().getRoutingKey();
        T message;
        try {
            message = codec.decode(body, type);
        } catch (RuntimeException e) {
            // Whatever the decoder throws, the body is at fault and always will be: retrying cannot help.
            log.warn("{}: cannot decode message ({}); sending it to {} and going on", source, e.getMessage(),
                    failuresRoutingKey);
            return fail(body, FailureCode.PERMANENT, "cannot decode message from " + source + ": " + e.getMessage());
        }
        CompletionStage<?> outcome;
        try {
            outcome = Objects.requireNonNull(handler.handle(message), "the handler returned no CompletionStage");
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // An Error from a worker (an assertion, a class missing from its jar) is a failed message too.
            outcome = CompletableFuture.failedFuture(e);
        }
        return outcome.handle((ignored, failure) -> failure).thenCompose(failure -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(null);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (TemporaryFailure.isTemporary(cause)) {
                log.warn("{}: handler failed on message for now ({}); putting it back on the queue in {} ms", source,
                        cause.toString(), RETRY_DELAY.toMillis());
                return CompletableFuture.supplyAsync(() -> {
                    throw new TemporaryFailure(cause);
                }, CompletableFuture.delayedExecutor(RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS));
            }
            log.warn("{}: handler failed on message ({}); sending it to {} and going on", source, cause.toString(),
                    failuresRoutingKey);
            return fail(body, null, stackTrace(cause));
        });
    }

    private CompletableFuture<Void> fail(byte[] body, FailureCode code, String reason) {
        JsonNode failed = codec.tree(body);
        if (failed.isNull()) {
            // A failure_message cannot hold a JSON null: keep the body's text instead, so nothing received is lost.
            failed = JsonNodeFactory.instance.stringNode(new String(body, StandardCharsets.UTF_8));
        }
        return publisher.publish(failuresRoutingKey, FailureMessage.of(failed, code, reason));
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
