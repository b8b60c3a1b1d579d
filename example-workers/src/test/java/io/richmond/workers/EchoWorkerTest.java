package io.richmond.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.richmond.sdk.message.Message;
import io.richmond.sdk.message.SessionEvent;
import io.richmond.sdk.message.UserMessage;
import io.richmond.sdk.worker.Outbox;
import io.richmond.sdk.worker.UssdWorker;

class EchoWorkerTest {

    private final EchoWorker worker = new EchoWorker();
    private final List<UserMessage> sent = new ArrayList<>();
    private final Outbox outbox = new Outbox() {
        @Override
        public void send(UserMessage message) {
            sent.add(message);
        }

        @Override
        public void publish(String routingKey, Message message) {
            throw new AssertionError("EchoWorker only replies");
        }
    };

    @Test
    void greetsANewSessionAndKeepsItOpen() throws Exception {
        worker.handle(inbound(SessionEvent.NEW, null, Map.of()), outbox);

        assertThat(sent).singleElement().satisfies(reply -> {
            assertThat(reply.content()).isEqualTo(EchoWorker.GREETING);
            assertThat(reply.sessionEvent()).isNull();
            assertThat(reply.toAddr()).isEqualTo("+27831112222");
            assertThat(reply.fromAddr()).isEqualTo("*120#");
        });
    }

    @Test
    void echoesAnAnswer() throws Exception {
        worker.handle(inbound(SessionEvent.RESUME, "Hello, you.", Map.of()), outbox);

        assertThat(sent).singleElement().satisfies(reply -> {
            assertThat(reply.content()).isEqualTo("Hello, you.");
            assertThat(reply.sessionEvent()).isNull();
        });
    }

    @Test
    void zeroEndsTheSession() throws Exception {
        worker.handle(inbound(SessionEvent.RESUME, "0", Map.of()), outbox);

        assertThat(sent).singleElement().satisfies(reply -> {
            assertThat(reply.content()).isEqualTo("quitting, goodbye!");
            assertThat(reply.sessionEvent()).isEqualTo(SessionEvent.CLOSE);
        });
    }

    @Test
    void timeoutsAndEndsAreOnlyLogged() throws Exception {
        worker.handle(inbound(SessionEvent.CLOSE, "", Map.of(UssdWorker.SESSION_TIMEOUT, true)), outbox);
        worker.handle(inbound(SessionEvent.CLOSE, "", Map.of()), outbox);

        assertThat(sent).isEmpty();
    }

    private static UserMessage inbound(SessionEvent event, String content, Map<String, Object> transportMetadata) {
        return UserMessage.builder()
                .fromAddr("+27831112222")
                .toAddr("*120#")
                .transportName("truteq")
                .transportType("ussd")
                .sessionEvent(event)
                .content(content)
                .transportMetadata(transportMetadata)
                .build();
    }
}
