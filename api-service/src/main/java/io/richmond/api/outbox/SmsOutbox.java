package io.richmond.api.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.richmond.api.sms.SentSms;
import io.richmond.api.sms.SentSmsRepository;
import io.richmond.api.bus.BusNames;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.message.UserMessage;

/**
 * Hands stored SMS to the SMS transports: a {@code user_message} on {@code <gw>.outbound} each (messaging.md, "SMS
 * on the bus"), {@code published_at} set once the broker confirmed it. What is not confirmed stays for the
 * {@link OutboxSweeper}.
 */
@Component
public class SmsOutbox {

    private final MessagePublisher publisher;
    private final BusNames names;
    private final PublishedMarks<Long> marks;
    private final InFlight<Long> inFlight = new InFlight<>(Clock.systemUTC());

    /** @param marking where confirmed rows are marked: confirms arrive on the broker connection's own thread */
    SmsOutbox(MessagePublisher publisher, SentSmsRepository repository, BusNames names,
            @Qualifier("applicationTaskExecutor") Executor marking) {
        this.publisher = publisher;
        this.names = names;
        this.marks = new PublishedMarks<>(ids -> repository.markPublished(ids, Instant.now()), marking);
    }

    /** Publishes them all at once; the future completes when the confirmed ones are marked. */
    public CompletableFuture<Integer> publish(List<SentSms> messages) {
        if (messages.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        List<Long> ids = messages.stream().map(SentSms::getId).toList();
        return inFlight.during(ids, () -> publishUnmarked(messages).thenCompose(marks::mark));
    }

    /** Whether a publish of this process is still waiting for the row's confirm or its mark. */
    boolean isInFlight(long id) {
        return inFlight.contains(id);
    }

    /** Publishes them all at once; the future completes, never exceptionally, with the ids the broker confirmed. */
    CompletableFuture<List<Long>> publishUnmarked(List<SentSms> messages) {
        Map<Long, CompletableFuture<Void>> publishes = new LinkedHashMap<>();
        for (SentSms sms : messages) {
            publishes.put(sms.getId(), publisher.publish(names.queues(sms.gateway()).outbound(), userMessage(sms)));
        }
        return Confirms.confirmed(publishes, "SMS");
    }

    private UserMessage userMessage(SentSms sms) {
        return UserMessage.builder()
                .messageId(sms.getMessageId())
                .toAddr(sms.getToMsisdn())
                .fromAddr(sms.getFromMsisdn())
                .content(sms.getMessage())
                .transportName(names.transportName(sms.gateway()))
                .transportType("sms")
                .timestamp(sms.getCreatedAt())
                .helperMetadata(Map.of("richmond", Map.of("sms_id", sms.getId(), "account_id", sms.getAccountId())))
                .build();
    }
}
