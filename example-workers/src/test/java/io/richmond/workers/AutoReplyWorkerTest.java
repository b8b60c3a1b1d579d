package io.richmond.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.richmond.sdk.message.Message;
import io.richmond.sdk.message.UserMessage;
import io.richmond.sdk.sms.SmsReplies;
import io.richmond.sdk.worker.Outbox;
import io.richmond.sdk.worker.WorkerSettings;

class AutoReplyWorkerTest {

    private final Map<String, Message> published = new LinkedHashMap<>();
    private final List<UserMessage> sentToTransport = new ArrayList<>();
    private final Outbox outbox = new Outbox() {
        @Override
        public void send(UserMessage message) {
            sentToTransport.add(message);
        }

        @Override
        public void publish(String routingKey, Message message) {
            published.put(routingKey, message);
        }
    };

    @Test
    void thanksEveryEntryThroughTheApi() throws Exception {
        UserMessage entry = entry();

        new AutoReplyWorker(WorkerSettings.empty()).handle(entry, outbox);

        assertThat(sentToTransport).isEmpty();
        assertThat(published).containsOnlyKeys(SmsReplies.ROUTING_KEY);
        UserMessage reply = (UserMessage) published.get(SmsReplies.ROUTING_KEY);
        assertThat(reply.content()).isEqualTo("Thanks for your entry");
        assertThat(reply.inReplyTo()).isEqualTo(entry.messageId());
        assertThat(reply.toAddr()).isEqualTo("+27831112222");
        assertThat(reply.helperMetadata()).isEqualTo(entry.helperMetadata());
    }

    @Test
    void theTextAndRoutingKeyComeFromTheSettings() throws Exception {
        new AutoReplyWorker(new WorkerSettings(Map.of("reply", "Good luck!", "sms-replies", "staging_sms.replies")))
                .handle(entry(), outbox);

        assertThat(published).containsOnlyKeys("staging_sms.replies");
        assertThat(((UserMessage) published.get("staging_sms.replies")).content()).isEqualTo("Good luck!");
    }

    private static UserMessage entry() {
        return UserMessage.builder().toAddr("31337").fromAddr("+27831112222").content("WIN blue")
                .transportName("clickatell").transportType("sms")
                .helperMetadata(Map.of("richmond", Map.of("account_id", 3, "received_sms_id", 12, "keyword", "win")))
                .build();
    }
}
