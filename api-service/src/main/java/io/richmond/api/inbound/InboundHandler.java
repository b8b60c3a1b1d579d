package io.richmond.api.inbound;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import io.richmond.api.keyword.KeywordQueues;
import io.richmond.api.outbox.CallbackJobOutbox;
import io.richmond.api.sms.Gateway;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.message.UserMessage;

/**
 * Handles one message of {@code <gw>.inbound}: stores it ({@link InboundSms}), then publishes its callback job and,
 * when it started with a keyword, hands it to the keyword's workers on {@code keyword.<keyword>}. Done when the
 * broker confirmed both, so a crash before that redelivers the message and it reaches the workers again (at least
 * once).
 */
@Component
public class InboundHandler {

    private final InboundSms inbound;
    private final CallbackJobOutbox jobs;
    private final MessagePublisher publisher;
    private final KeywordQueues keywordQueues;

    InboundHandler(InboundSms inbound, CallbackJobOutbox jobs, MessagePublisher publisher,
            KeywordQueues keywordQueues) {
        this.inbound = inbound;
        this.jobs = jobs;
        this.publisher = publisher;
        this.keywordQueues = keywordQueues;
    }

    public CompletionStage<?> handle(Gateway gateway, UserMessage message) {
        InboundSms.Received received;
        try {
            received = inbound.receive(gateway, message);
        } catch (DataIntegrityViolationException e) {
            // Stored already: redelivered, or a copy handled at the same time by another consumer was first.
            received = inbound.stored(message);
        }
        CompletableFuture<Integer> job = jobs.publish(received.job().stream().toList());
        String keyword = received.sms().getKeyword();
        if (keyword == null) {
            return job;
        }
        return CompletableFuture.allOf(job, toWorkers(keyword, message, received.sms()));
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
