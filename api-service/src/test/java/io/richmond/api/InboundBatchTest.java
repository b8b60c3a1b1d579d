package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataIntegrityViolationException;

import io.micrometer.core.instrument.MeterRegistry;
import io.richmond.api.inbound.InboundSms;
import io.richmond.api.inbound.InboundSms.Outcome;
import io.richmond.api.inbound.InboundSms.Received;
import io.richmond.api.inbound.InboundSms.Unrouted;
import io.richmond.api.sms.Gateway;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.boot.ManagedQueueConsumer;
import io.richmond.sdk.message.FailureMessage;
import io.richmond.sdk.message.MessageCodec;
import io.richmond.sdk.message.UserMessage;
import io.richmond.sdk.sms.KeywordSms;

/**
 * Inbound SMS stored many to a transaction: each message of a batch is routed, stored once and called back as if
 * it had come alone, and only a message at fault fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboundBatchTest extends ApiTestBase {

    @Autowired
    private InboundSms inbound;
    @Autowired
    private MessagePublisher publisher;
    @Autowired
    private MessageCodec codec;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    @Qualifier("clickatellInbound")
    private ManagedQueueConsumer clickatellInbound;
    private TestQueues queues;

    /** Takes SMS that start with its keyword on {@link #keywordNumber}, which is routed to it. */
    private String keywordAccount;
    private String keywordNumber;
    /** Owns {@link #ownedNumber}. */
    private String owner;
    private String ownedNumber;
    private String unroutedNumber;

    @BeforeAll
    void connect() {
        queues = new TestQueues();
    }

    @AfterAll
    void disconnect() throws Exception {
        queues.close();
    }

    @BeforeEach
    void accountsAndNumbers() {
        keywordAccount = newAccount("keyword");
        owner = newAccount("owner");
        keywordNumber = uniqueNumber("2782");
        ownedNumber = uniqueNumber("2783");
        unroutedNumber = uniqueNumber("2799");
        for (String user : List.of(keywordAccount, owner)) {
            ok(postForm(user, "/api/v1/account/callbacks.json", form("name", "sms_received", "url",
                    "http://example.com/received")));
        }
        accounts.route(keywordNumber, keywordAccount);
        ok(postForm(keywordAccount, "/api/v1/account/keywords.json", form("number", keywordNumber, "keyword",
                "join")));
        accounts.route(ownedNumber, owner);
    }

    @Test
    void aBatchIsStoredInOneTransactionWithOneOutcomePerMessage() {
        UserMessage storedBefore = sms(ownedNumber, "first");
        Received first = (Received) inbound.receive(Gateway.CLICKATELL, List.of(storedBefore)).get(0);
        UserMessage keyword = sms(keywordNumber, "JOIN me");
        UserMessage owned = sms(ownedNumber, "hello");
        UserMessage unrouted = sms(unroutedNumber, "anyone?");
        double unroutedBefore = unroutedCount();

        List<Outcome> outcomes = inbound.receive(Gateway.CLICKATELL,
                List.of(keyword, owned, unrouted, owned, storedBefore));

        assertThat(outcomes).hasSize(5);
        Received keywordOutcome = (Received) outcomes.get(0);
        assertThat(keywordOutcome.sms().getAccountId()).isEqualTo(accountId(keywordAccount));
        assertThat(keywordOutcome.sms().getKeyword()).isEqualTo("join");
        assertThat(keywordOutcome.sms().getId()).isEqualTo(storedId(keyword));
        assertThat(keywordOutcome.job()).isPresent();
        Received ownedOutcome = (Received) outcomes.get(1);
        assertThat(ownedOutcome.sms().getAccountId()).isEqualTo(accountId(owner));
        assertThat(ownedOutcome.sms().getKeyword()).isNull();
        assertThat(ownedOutcome.sms().getId()).isEqualTo(storedId(owned));
        assertThat(ownedOutcome.job()).isPresent();
        assertThat(ownedOutcome.job().get().getPayload())
                .contains("\"id\":\"" + ownedOutcome.sms().getId() + "\"", "\"message\":\"hello\"");
        assertThat(((Unrouted) outcomes.get(2)).reason()).hasMessageContaining("no account receives SMS to "
                + unroutedNumber);
        assertThat(unroutedCount()).isEqualTo(unroutedBefore + 1);
        Received copy = (Received) outcomes.get(3);
        assertThat(copy.sms().getId()).isEqualTo(ownedOutcome.sms().getId());
        assertThat(copy.job()).isEmpty();
        Received redelivered = (Received) outcomes.get(4);
        assertThat(redelivered.sms().getId()).isEqualTo(first.sms().getId());
        assertThat(redelivered.sms().getMessage()).isEqualTo("first");
        assertThat(redelivered.job()).isEmpty();
        assertThat(rows("received_sms", owner)).isEqualTo(2);
        assertThat(rows("received_sms", keywordAccount)).isEqualTo(1);
        assertThat(rows("callback_job", owner)).isEqualTo(2);
        assertThat(rows("callback_job", keywordAccount)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from received_sms where to_msisdn = ?", Integer.class,
                unroutedNumber)).isZero();
    }

    @Test
    void aMessageThatCannotBeStoredFailsItsWholeTransactionAndNothingInItIsCounted() {
        UserMessage good = sms(ownedNumber, "fine");
        // PostgreSQL's text cannot hold NUL.
        UserMessage bad = sms(ownedNumber, "nul \u0000 inside");
        UserMessage unrouted = sms(unroutedNumber, "anyone?");
        double unroutedBefore = unroutedCount();

        assertThatThrownBy(() -> inbound.receive(Gateway.CLICKATELL, List.of(good, unrouted, bad)))
                .isInstanceOf(DataIntegrityViolationException.class);

        assertThat(rows("received_sms", owner)).isZero();
        assertThat(rows("callback_job", owner)).isZero();
        // Counted when it is received again on its own, not for the batch that rolled back.
        assertThat(unroutedCount()).isEqualTo(unroutedBefore);
    }

    @Test
    void messagesConsumedTogetherAreStoredAndOnlyTheFaultyOnesFail() {
        UserMessage storedBefore = sms(ownedNumber, "first");
        publish(storedBefore);
        await().atMost(DEADLINE).until(() -> publishedJobs(owner) == 1);
        UserMessage keyword = sms(keywordNumber, "join now");
        UserMessage owned = sms(ownedNumber, "hello");
        UserMessage unrouted = sms(unroutedNumber, "anyone?");
        UserMessage unstorable = sms(ownedNumber, "nul \u0000 inside");

        // Published while nobody consumes, so that the consumers take them at once and batch them together.
        clickatellInbound.stop();
        try {
            for (UserMessage message : List.of(keyword, owned, unrouted, owned, unstorable, storedBefore)) {
                publish(message);
            }
        } finally {
            clickatellInbound.start();
        }

        List<FailureMessage> failures = queues.take(queue("clickatell.failures"), 2, DEADLINE).stream()
                .map(body -> codec.decode(body, FailureMessage.class)).toList();
        assertThat(failures).extracting(failure -> failure.message().get("message_id").asString())
                .containsExactlyInAnyOrder(unrouted.messageId(), unstorable.messageId());
        UserMessage handedOver = codec.decode(queues.take(queue("keyword.join"), 1, DEADLINE).get(0),
                UserMessage.class);
        assertThat(handedOver.messageId()).isEqualTo(keyword.messageId());
        assertThat(KeywordSms.of(handedOver)).contains(new KeywordSms(accountId(keywordAccount), storedId(keyword),
                "join"));
        await().atMost(DEADLINE).until(() -> publishedJobs(owner) == 2 && publishedJobs(keywordAccount) == 1);
        await().atMost(DEADLINE).until(() -> queues.count(queue("clickatell.inbound")) == 0);
        assertThat(rows("received_sms", owner)).isEqualTo(2);
        assertThat(rows("received_sms", keywordAccount)).isEqualTo(1);
        assertThat(rows("callback_job", owner)).isEqualTo(2);
        assertThat(queues.count(queue("clickatell.failures"))).isZero();
    }

    private UserMessage sms(String to, String content) {
        return UserMessage.builder().toAddr(to).fromAddr("+27831234567").content(content)
                .transportName(testName + "_clickatell").transportType("sms")
                .transportMetadata(Map.of("provider_message_id", "p-" + UUID.randomUUID(), "charset", "utf8"))
                .build();
    }

    private void publish(UserMessage message) {
        publisher.publish(queue("clickatell.inbound"), message).join();
    }

    private long storedId(UserMessage message) {
        return jdbc.queryForObject("select id from received_sms where message_id = ?", Long.class,
                message.messageId());
    }

    private int rows(String table, String user) {
        return jdbc.queryForObject("select count(*) from " + table + " where account_id = ?", Integer.class,
                accountId(user));
    }

    private int publishedJobs(String user) {
        return jdbc.queryForObject("select count(*) from callback_job where account_id = ?"
                + " and published_at is not null", Integer.class, accountId(user));
    }

    private double unroutedCount() {
        return meters.counter("richmond.inbound.unrouted", "transport", testName + "_clickatell").count();
    }

    private static String uniqueNumber(String prefix) {
        return prefix + String.format("%07d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 10_000_000L));
    }
}
