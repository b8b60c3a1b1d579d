package io.richmond.sdk.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.richmond.sdk.message.Message;
import io.richmond.sdk.message.SessionEvent;
import io.richmond.sdk.message.UserMessage;

class UssdWorkerTest {

    private static final String MSISDN = "+27831234567";

    /** Keeps what a worker sends, in order. */
    static final class RecordingOutbox implements Outbox {
        final List<UserMessage> sent = new CopyOnWriteArrayList<>();

        @Override
        public void send(UserMessage message) {
            sent.add(message);
        }

        @Override
        public void publish(String routingKey, Message message) {
            throw new UnsupportedOperationException("a USSD worker only replies");
        }
    }

    /** Records each session method's call as "method(msisdn, text)" and runs {@link #onCall} inside it. */
    static class RecordingWorker extends UssdWorker {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile ThrowingRunnable onCall = () -> {
        };

        @Override
        protected void newSession(String msisdn, String ussdCode) throws Exception {
            calls.add("newSession(" + msisdn + ", " + ussdCode + ")");
            onCall.run();
        }

        @Override
        protected void existingSession(String msisdn, String message) throws Exception {
            calls.add("existingSession(" + msisdn + ", " + message + ")");
            onCall.run();
        }

        @Override
        protected void timedOutSession(String msisdn, String message) throws Exception {
            calls.add("timedOutSession(" + msisdn + ", " + message + ")");
            onCall.run();
        }

        @Override
        protected void endSession(String msisdn, String message) throws Exception {
            calls.add("endSession(" + msisdn + ", " + message + ")");
            onCall.run();
        }

        void replyWith(String msisdn, String text, SessionType type) {
            reply(msisdn, text, type);
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private final RecordingWorker worker = new RecordingWorker();
    private final RecordingOutbox outbox = new RecordingOutbox();
    // Its own threads: the common pool may have fewer than the tests need running at once.
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private static UserMessage.Builder fromUser(SessionEvent event, String content) {
        return UserMessage.builder().toAddr("*120*3#").fromAddr(MSISDN).sessionEvent(event).content(content)
                .transportName("truteq").transportType("ussd");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            NEW    | null | newSession(+27831234567, *120*3#)
            NEW    | 2    | newSession(+27831234567, *120*3#)
            RESUME | 2    | existingSession(+27831234567, 2)
            null   | 2    | existingSession(+27831234567, 2)
            RESUME | null | existingSession(+27831234567, )
            CLOSE  | bye  | endSession(+27831234567, bye)
            CLOSE  | null | endSession(+27831234567, )
            """)
    void callsTheSessionMethodForTheMessagesSessionEvent(SessionEvent event, String content, String call)
            throws Exception {
        worker.handle(fromUser(event, content).build(), outbox);

        assertThat(worker.calls).containsExactly(call);
        assertThat(outbox.sent).isEmpty();
    }

    @Test
    void aCloseThatTheNetworkTimedOutIsATimedOutSession() throws Exception {
        UserMessage timedOut = fromUser(SessionEvent.CLOSE, null)
                .transportMetadata(Map.of(UssdWorker.SESSION_TIMEOUT, true)).build();

        worker.handle(timedOut, outbox);

        assertThat(worker.calls).containsExactly("timedOutSession(+27831234567, )");
    }

    @ParameterizedTest
    // Only a JSON true says time-out: anything else a transport might write is an ordinary end.
    @ValueSource(strings = {"true", "yes"})
    @NullSource
    void aCloseWithoutATrueTimeOutFlagIsAnEnd(String flag) throws Exception {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(UssdWorker.SESSION_TIMEOUT, flag);
        worker.handle(fromUser(SessionEvent.CLOSE, "x").transportMetadata(metadata).build(), outbox);
        worker.handle(fromUser(SessionEvent.CLOSE, "y")
                .transportMetadata(Map.of(UssdWorker.SESSION_TIMEOUT, false)).build(), outbox);

        assertThat(worker.calls).containsExactly("endSession(+27831234567, x)", "endSession(+27831234567, y)");
    }

    @Test
    void theTimeOutFlagMeansNothingOnAMessageThatIsNotAClose() throws Exception {
        worker.handle(fromUser(SessionEvent.RESUME, "1")
                .transportMetadata(Map.of(UssdWorker.SESSION_TIMEOUT, true)).build(), outbox);

        assertThat(worker.calls).containsExactly("existingSession(+27831234567, 1)");
    }

    @Test
    void theDefaultTimeOutAndEndHandlersDoNothing() throws Exception {
        UssdWorker minimal = new UssdWorker() {
            @Override
            protected void newSession(String msisdn, String ussdCode) {
            }

            @Override
            protected void existingSession(String msisdn, String message) {
            }
        };

        minimal.handle(fromUser(SessionEvent.CLOSE, "bye").build(), outbox);
        minimal.handle(fromUser(SessionEvent.CLOSE, null)
                .transportMetadata(Map.of(UssdWorker.SESSION_TIMEOUT, true)).build(), outbox);

        assertThat(outbox.sent).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"EXISTING, null", "END, CLOSE"})
    void replyAnswersTheMessageBeingHandled(SessionType type, SessionEvent event) throws Exception {
        UserMessage received = fromUser(SessionEvent.RESUME, "2").build();
        worker.onCall = () -> worker.replyWith(MSISDN, "You chose 2", type);

        worker.handle(received, outbox);

        assertThat(outbox.sent).singleElement().satisfies(reply -> {
            assertThat(reply.content()).isEqualTo("You chose 2");
            assertThat(reply.sessionEvent()).isEqualTo(event);
            assertThat(reply.inReplyTo()).isEqualTo(received.messageId());
            assertThat(reply.toAddr()).isEqualTo(MSISDN);
            assertThat(reply.fromAddr()).isEqualTo("*120*3#");
            assertThat(reply.transportName()).isEqualTo("truteq");
        });
    }

    @Test
    void replyMayBeCalledFromAnotherThreadWhileTheSessionMethodRuns() throws Exception {
        worker.onCall = () -> CompletableFuture
                .runAsync(() -> worker.replyWith(MSISDN, "hi", SessionType.END), threads)
                .get(5, TimeUnit.SECONDS);

        worker.handle(fromUser(SessionEvent.NEW, null).build(), outbox);

        assertThat(outbox.sent).singleElement().extracting(UserMessage::sessionEvent).isEqualTo(SessionEvent.CLOSE);
    }

    @ParameterizedTest
    @EnumSource(value = SessionType.class, names = {"NEW", "TIMEOUT"})
    void replyRefusesATypeThatIsNotAReply(SessionType type) throws Exception {
        worker.onCall = () -> worker.replyWith(MSISDN, "hi", type);

        assertThatThrownBy(() -> worker.handle(fromUser(SessionEvent.NEW, null).build(), outbox))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EXISTING")
                .hasMessageContaining("END")
                .hasMessageContaining(type.name());
        assertThat(outbox.sent).isEmpty();
    }

    @Test
    void replyRefusesAMissingType() throws Exception {
        worker.onCall = () -> worker.replyWith(MSISDN, "hi", null);

        assertThatThrownBy(() -> worker.handle(fromUser(SessionEvent.NEW, null).build(), outbox))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("type");
    }

    @Test
    void replyRefusesAnMsisdnWhoseMessageIsNotBeingHandled() throws Exception {
        worker.onCall = () -> worker.replyWith("+27000000000", "hi", SessionType.EXISTING);

        assertThatThrownBy(() -> worker.handle(fromUser(SessionEvent.NEW, null).build(), outbox))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("+27000000000");
        assertThat(outbox.sent).isEmpty();
    }

    @Test
    void replyRefusesOnceTheSessionMethodHasReturned() throws Exception {
        worker.handle(fromUser(SessionEvent.NEW, null).build(), outbox);

        assertThatThrownBy(() -> worker.replyWith(MSISDN, "too late", SessionType.EXISTING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(MSISDN);
    }

    @Test
    void aSessionMethodThatThrowsFailsTheMessageAndLeavesNothingBehind() {
        worker.onCall = () -> {
            throw new IllegalStateException("no such menu");
        };

        assertThatThrownBy(() -> worker.handle(fromUser(SessionEvent.RESUME, "9").build(), outbox))
                .hasMessage("no such menu");
        assertThatThrownBy(() -> worker.replyWith(MSISDN, "late", SessionType.END))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void twoMessagesFromOneMsisdnHandledAtOnceEachGetTheirOwnReply() throws Exception {
        // A redelivery can overlap the next message from the same user, on another consumer thread.
        CountDownLatch bothInside = new CountDownLatch(2);
        CountDownLatch firstDone = new CountDownLatch(1);
        UserMessage first = fromUser(SessionEvent.RESUME, "1").build();
        UserMessage second = fromUser(SessionEvent.RESUME, "2").build();
        RecordingOutbox firstOutbox = new RecordingOutbox();
        RecordingOutbox secondOutbox = new RecordingOutbox();
        UssdWorker echo = new UssdWorker() {
            @Override
            protected void newSession(String msisdn, String ussdCode) {
            }

            @Override
            protected void existingSession(String msisdn, String message) throws Exception {
                bothInside.countDown();
                assertThat(bothInside.await(5, TimeUnit.SECONDS)).isTrue();
                if (message.equals("2")) {
                    // The first message's handling ends before the second one replies.
                    assertThat(firstDone.await(5, TimeUnit.SECONDS)).isTrue();
                }
                reply(msisdn, "echo " + message, SessionType.EXISTING);
            }
        };

        CompletableFuture<Void> handlingFirst = CompletableFuture
                .runAsync(() -> handle(echo, first, firstOutbox), threads)
                .whenComplete((ignored, failure) -> firstDone.countDown());
        CompletableFuture<Void> handlingSecond = CompletableFuture
                .runAsync(() -> handle(echo, second, secondOutbox), threads);

        assertThat(handlingFirst).succeedsWithin(Duration.ofSeconds(10));
        assertThat(handlingSecond).succeedsWithin(Duration.ofSeconds(10));
        assertThat(firstOutbox.sent).singleElement().satisfies(reply -> {
            assertThat(reply.content()).isEqualTo("echo 1");
            assertThat(reply.inReplyTo()).isEqualTo(first.messageId());
        });
        assertThat(secondOutbox.sent).singleElement().satisfies(reply -> {
            assertThat(reply.content()).isEqualTo("echo 2");
            assertThat(reply.inReplyTo()).isEqualTo(second.messageId());
        });
    }

    @Test
    void handlesDifferentMsisdnsAtOnce() throws Exception {
        CountDownLatch allInside = new CountDownLatch(3);
        UssdWorker echo = new UssdWorker() {
            @Override
            protected void newSession(String msisdn, String ussdCode) throws Exception {
                allInside.countDown();
                assertThat(allInside.await(5, TimeUnit.SECONDS)).isTrue();
                reply(msisdn, "hello " + msisdn, SessionType.EXISTING);
            }

            @Override
            protected void existingSession(String msisdn, String message) {
            }
        };

        List<CompletableFuture<Void>> handling = List.of("+1", "+2", "+3").stream()
                .map(msisdn -> CompletableFuture.runAsync(() ->
                        handle(echo, fromUser(SessionEvent.NEW, null).fromAddr(msisdn).build(), outbox), threads))
                .toList();

        assertThat(CompletableFuture.allOf(handling.toArray(CompletableFuture[]::new)))
                .succeedsWithin(Duration.ofSeconds(10));
        assertThat(outbox.sent).extracting(UserMessage::content)
                .containsExactlyInAnyOrder("hello +1", "hello +2", "hello +3");
        assertThat(outbox.sent).allSatisfy(reply -> assertThat(reply.content()).endsWith(reply.toAddr()));
    }

    private static void handle(UssdWorker worker, UserMessage message, Outbox outbox) {
        try {
            worker.handle(message, outbox);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
