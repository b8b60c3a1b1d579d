package io.richmond.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import io.richmond.api.ApiProperties;
import io.richmond.api.ApiTestBase;
import io.richmond.api.callback.CallbackJobRepository;
import io.richmond.api.sms.Gateway;
import io.richmond.api.sms.SentSmsRepository;
import io.richmond.api.sms.SmsDraft;
import io.richmond.api.sms.SmsService;
import io.richmond.sdk.message.MessageCodec;
import io.richmond.sdk.message.SmsEncoding;
import io.richmond.sdk.message.UserMessage;
import io.richmond.testsupport.LocalServices;

/** Sweepers of several API processes on one schema: each unpublished row is published by one of them only. */
class OutboxSweeperTest extends ApiTestBase {

    private static final int ROWS = 300;

    @Autowired
    private SmsService smsService;
    @Autowired
    private SentSmsRepository sms;
    @Autowired
    private SmsOutbox smsOutbox;
    @Autowired
    private CallbackJobRepository jobs;
    @Autowired
    private CallbackJobOutbox jobOutbox;
    @Autowired
    private ApiProperties properties;
    @Autowired
    private PlatformTransactionManager transactions;
    @Autowired
    private MessageCodec codec;

    @Test
    void twoSweepersNeverPublishTheSameRow() throws Exception {
        long account = accountId(newAccount("sweepers"));
        String tag = "sweep-" + UUID.randomUUID();
        List<SmsDraft> drafts = IntStream.range(0, ROWS)
                .mapToObj(i -> new SmsDraft("+2783" + (1_000_000 + i), "", tag, SmsEncoding.of(tag))).toList();
        smsService.send(account, Gateway.CLICKATELL, drafts, null);
        // Old enough for every sweeper at once, as after a broker outage.
        jdbc.update("update sent_sms set created_at = created_at - interval '1 hour' where message = ?", tag);

        OutboxSweeper first = new OutboxSweeper(sms, smsOutbox, jobs, jobOutbox, properties, transactions);
        OutboxSweeper second = new OutboxSweeper(sms, smsOutbox, jobs, jobOutbox, properties, transactions);
        CompletableFuture.allOf(CompletableFuture.runAsync(first::runOnce), CompletableFuture.runAsync(second::runOnce))
                .get();
        await().atMost(DEADLINE).until(() -> jdbc.queryForObject(
                "select count(*) from sent_sms where message = ? and published_at is null", Integer.class, tag) == 0);

        List<String> published = outboundMessageIds(tag);
        assertThat(published).hasSize(ROWS);
        assertThat(new HashSet<>(published)).hasSize(ROWS);
    }

    /** Every message of the test's tag waiting in the outbound queue, taken off it. */
    private List<String> outboundMessageIds(String tag) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(LocalServices.amqpUri().orElseThrow());
        List<String> ids = new ArrayList<>();
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            String queue = queue(Gateway.CLICKATELL.transportName() + ".outbound");
            Set<String> seen = new HashSet<>();
            await().atMost(DEADLINE).until(() -> {
                for (GetResponse got = channel.basicGet(queue, true); got != null; got = channel.basicGet(queue,
                        true)) {
                    UserMessage message = codec.decode(got.getBody(), UserMessage.class);
                    if (tag.equals(message.content())) {
                        ids.add(message.messageId());
                        seen.add(message.messageId());
                    }
                }
                return seen.size() >= ROWS;
            });
            // A second copy would have been published before the rows were marked; none may be left either.
            for (GetResponse got = channel.basicGet(queue, true); got != null; got = channel.basicGet(queue, true)) {
                UserMessage message = codec.decode(got.getBody(), UserMessage.class);
                if (tag.equals(message.content())) {
                    ids.add(message.messageId());
                }
            }
        }
        return ids;
    }
}
