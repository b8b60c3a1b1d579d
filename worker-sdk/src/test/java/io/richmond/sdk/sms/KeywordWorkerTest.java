package io.richmond.sdk.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.richmond.sdk.message.Message;
import io.richmond.sdk.message.UserMessage;
import io.richmond.sdk.worker.Outbox;
import io.richmond.sdk.worker.WorkerSettings;

class KeywordWorkerTest {

    private record Published(String routingKey, Message message) {
    }

    private final List<Published> published = new ArrayList<>();
    private final Outbox outbox = new Outbox() {
        @Override
        public void send(UserMessage message) {
            throw new AssertionError("a keyword reply must go through the API, not to the transport");
        }

        @Override
        public void publish(String routingKey, Message message) {
            published.add(new Published(routingKey, message));
        }
    };

    @Test
    void aReplyGoesToSmsRepliesWithTheOriginalsMetadata() throws Exception {
        UserMessage sms = keywordSms();

        new Thanks(WorkerSettings.empty()).handle(sms, outbox);

        assertThat(published).singleElement().satisfies(p -> {
            assertThat(p.routingKey()).isEqualTo("sms.replies");
            UserMessage reply = (UserMessage) p.message();
            assertThat(reply.inReplyTo()).isEqualTo(sms.messageId());
            assertThat(reply.toAddr()).isEqualTo("27831112222");
            assertThat(reply.fromAddr()).isEqualTo("31337");
            assertThat(reply.content()).isEqualTo("Thanks");
            assertThat(KeywordSms.of(reply)).contains(new KeywordSms(7, 42, "win"));
        });
    }

    @Test
    void theRoutingKeyComesFromTheSettings() throws Exception {
        new Thanks(new WorkerSettings(Map.of(SmsReplies.SETTING, "test_sms.replies"))).handle(keywordSms(), outbox);

        assertThat(published).singleElement().extracting(Published::routingKey).isEqualTo("test_sms.replies");
    }

    @Test
    void replyingOutsideReceivedIsRefused() {
        Thanks worker = new Thanks(WorkerSettings.empty());

        assertThatThrownBy(() -> worker.reply(keywordSms(), "late")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMessageWithoutRichmondMetadataIsNoKeywordSms() {
        assertThat(KeywordSms.of(UserMessage.builder().toAddr("1").fromAddr("2").transportName("t")
                .transportType("sms").build())).isEmpty();
    }

    private static UserMessage keywordSms() {
        return UserMessage.builder().toAddr("31337").fromAddr("27831112222").content("WIN me")
                .transportName("clickatell").transportType("sms")
                .helperMetadata(Map.of("richmond", Map.of("account_id", 7, "received_sms_id", 42L, "keyword", "win")))
                .build();
    }

    static final class Thanks extends KeywordWorker {

        Thanks(WorkerSettings settings) {
            super(settings);
        }

        @Override
        protected void received(UserMessage sms) {
            reply(sms, "Thanks");
        }
    }
}
