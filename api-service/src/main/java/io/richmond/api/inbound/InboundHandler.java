package io.richmond.api.inbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.richmond.api.account.AccountsCommand;
import io.richmond.api.keyword.KeywordQueues;
import io.richmond.api.outbox.CallbackJobOutbox;
import io.richmond.api.outbox.PublishedMarks;
import io.richmond.api.sms.Gateway;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.batch.Batcher;
import io.richmond.sdk.message.UserMessage;

/**
 * Handles the messages of {@code <gw>.inbound}, those that arrive together as one batch: stores them
 * ({@link InboundSms}), then publishes each one's callback job and, when it started with a keyword, hands it to the
 * keyword's workers on {@code keyword.<keyword>}. A message is done when its batch committed and the broker
 * confirmed both, so a crash before that redelivers it and it reaches the workers again (at least once). A confirmed
 * hand-over is marked on the stored SMS ({@code handed_over_at}), and a repeat of the message after that (the
 * provider called the webhook again) is not handed over again; a copy that arrives while this process still handles
 * the message waits for that instead of being handled twice.
 *
 * <p>Closed by Spring after the consumers stopped, finishing the batches they submitted.
 */
@Component
@Profile("!" + AccountsCommand.PROFILE)
public class InboundHandler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InboundHandler.class);

    /** More than the deliveries a queue's consumers hold at once, so that all of them can share a transaction. */
    private static final int MAX_BATCH = 500;
    /** One batch gathers while the other commits. */
    private static final int BATCH_THREADS = 2;

    private final InboundSms inbound;
    private final CallbackJobOutbox jobs;
    private final MessagePublisher publisher;
    private final KeywordQueues keywordQueues;
    private final PublishedMarks<Long> handOvers;
    private final Map<Gateway, Batcher<UserMessage, CompletableFuture<Void>>> batchers = new EnumMap<>(Gateway.class);
    /** The messages being handled now, by message id. */
    private final Map<String, CompletableFuture<Void>> handling = new ConcurrentHashMap<>();

    /** @param marking where confirmed hand-overs are marked: confirms arrive on the broker connection's own thread */
    InboundHandler(InboundSms inbound, CallbackJobOutbox jobs, MessagePublisher publisher,
            KeywordQueues keywordQueues, ReceivedSmsRepository received,
            @Qualifier("applicationTaskExecutor") Executor marking) {
        this.inbound = inbound;
        this.jobs = jobs;
        this.publisher = publisher;
        this.keywordQueues = keywordQueues;
        this.handOvers = new PublishedMarks<>(ids -> received.markHandedOver(ids, Instant.now()), marking);
        for (Gateway gateway : Gateway.values()) {
            batchers.put(gateway, new Batcher<>(gateway.transportName() + "-inbound", MAX_BATCH, BATCH_THREADS,
                    messages -> handle(gateway, messages)));
        }
    }

    /**
     * Fails when no account receives the message, or it cannot be stored: the dispatcher sends it to failures. A
     * copy of a message being handled now has the outcome of that one.
     */
    public CompletionStage<?> handle(Gateway gateway, UserMessage message) {
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        CompletableFuture<Void> earlier = handling.putIfAbsent(message.messageId(), outcome);
        if (earlier != null) {
            return earlier;
        }
        batchers.get(gateway).submit(message).thenCompose(Function.identity()).whenComplete((done, failure) -> {
            handling.remove(message.messageId(), outcome);
            if (failure == null) {
                outcome.complete(null);
            } else {
                outcome.completeExceptionally(failure);
            }
        });
        return outcome;
    }

    @Override
    public void close() {
        batchers.values().forEach(Batcher::close);
    }

    /** Stores the batch, then starts each message's publishes: one future per message, in order. */
    private List<CompletableFuture<Void>> handle(Gateway gateway, List<UserMessage> messages) {
        List<InboundSms.Outcome> outcomes = inbound.receive(gateway, messages);
        List<CompletableFuture<Void>> published = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            published.add(publish(messages.get(i), outcomes.get(i)));
        }
        return published;
    }

    private CompletableFuture<Void> publish(UserMessage message, InboundSms.Outcome outcome) {
        if (outcome instanceof InboundSms.Unrouted unrouted) {
            return CompletableFuture.failedFuture(unrouted.reason());
        }
        InboundSms.Received received = (InboundSms.Received) outcome;
        try {
            CompletableFuture<Integer> job = jobs.publish(received.job().stream().toList());
            if (!received.handOver()) {
                return CompletableFuture.allOf(job);
            }
            return CompletableFuture.allOf(job, toWorkers(received.sms().getKeyword(), message, received.sms())
                    .thenCompose(confirmed -> marked(received.sms())));
        } catch (RuntimeException e) {
            // The batch is committed: only this message fails, instead of the whole batch being handled again.
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Marks the SMS handed over. A mark that fails leaves the hand-over done (the broker confirmed it): a repeat of
     * the message would hand it over again, which at least once allows.
     */
    private CompletableFuture<Void> marked(ReceivedSms sms) {
        return handOvers.mark(List.of(sms.getId())).handle((count, failure) -> {
            if (failure != null) {
                log.warn("{}: inbound SMS {} was handed to keyword.{} but could not be marked so: {}",
                        sms.getTransportName(), sms.getId(), sms.getKeyword(), failure.toString());
            }
            return null;
        });
    }

    /** The message as it arrived, plus which account and stored SMS it is, for replies. */
    private CompletableFuture<Void> toWorkers(String keyword, UserMessage message, ReceivedSms sms) {
        // Declared at every hand-over, not only when registered: a broker that lost its definitions must not make
        // the SMS unroutable.
        String queue = keywordQueues.declare(keyword);
        Map<String, Object> helper = new LinkedHashMap<>(message.helperMetadata());
        helper.put("richmond", Map.of("account_id", sms.getAccountId(), "received_sms_id", sms.getId(),
                "keyword", keyword));
        return publisher.publish(queue, message.toBuilder().helperMetadata(helper).build());
    }
}
