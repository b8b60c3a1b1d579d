package io.richmond.sms.opera;

import static io.richmond.sms.FakeProvider.Response.ok;
import static io.richmond.sms.FakeProvider.Response.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.richmond.sdk.message.Event;
import io.richmond.sdk.message.Event.EventType;
import io.richmond.sdk.message.UserMessage;
import io.richmond.sms.FakeProvider;
import io.richmond.sms.FakeProvider.Request;
import io.richmond.sms.TransportHarness;
import io.richmond.testsupport.Fixtures;
import io.richmond.testsupport.RequiresRabbitMq;

/** Sending through a fake Opera gateway on loopback: the exact XML-RPC calls, and the events on the bus. */
@RequiresRabbitMq
class OperaSendingTest {

    private static final Pattern MEMBER_NAME = Pattern.compile("<name>([^<]*)</name>");

    private static FakeProvider opera;
    private static TransportHarness harness;

    @BeforeAll
    static void start() throws Exception {
        opera = new FakeProvider();
        harness = TransportHarness.start(Map.of(
                "richmond.sms.opera.url", opera.url() + "/Gateway",
                "richmond.sms.opera.service", "service",
                "richmond.sms.opera.password", "password",
                "richmond.sms.opera.channel", "channel",
                "richmond.sms.opera.timeout", "500ms"));
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
        opera.close();
    }

    @Test
    void theIdentifierOfTheAnswerIsAckedAndTheCallIsVumisStruct() throws Exception {
        opera.script("/Gateway", ok(Fixtures.text("opera/send_response.xml")));
        UserMessage message = harness.outbound(harness.opera, "27761234567", "32323", "hello world");

        harness.send(message);

        Event ack = awaitEvent(message);
        assertThat(ack.eventType()).isEqualTo(EventType.ACK);
        assertThat(ack.sentMessageId()).isEqualTo("abc123");
        assertThat(callsOf(message)).singleElement().satisfies(request -> {
            assertThat(request.contentType()).startsWith("text/xml");
            assertThat(request.text()).isEqualTo(withoutComment(Fixtures.text("opera/send_request.xml")));
        });
    }

    @Test
    void textThatIsNotAsciiGoesAsBase64OfUtf8() throws Exception {
        opera.script("/Gateway", ok(Fixtures.text("opera/send_response.xml")));
        UserMessage message = harness.outbound(harness.opera, "+27761234567", "32323", "üïéßø");

        harness.send(message);

        assertThat(awaitEvent(message).sentMessageId()).isEqualTo("abc123");
        assertThat(callsOf(message)).singleElement().satisfies(request -> assertThat(request.text())
                .isEqualTo(withoutComment(Fixtures.text("opera/send_request_unicode.xml"))));
    }

    /**
     * {@code SendSMS} has no sender member: Opera sends from what the service and channel are set up with, so every
     * sender form is sent the same call.
     */
    @ParameterizedTest
    @ValueSource(strings = {"27761234567", "+27761234567", "32323", "12345678", "Richmond", "MyShop 24",
            "ABCDEFGHIJK"})
    void everySenderFormIsSentAndNoneIsPutInTheCall(String sender) throws Exception {
        opera.script("/Gateway", ok(Fixtures.text("opera/send_response.xml")));
        UserMessage message = harness.outbound(harness.opera, "27761234567", sender, "sent by " + sender);

        harness.send(message);

        assertThat(awaitEvent(message).eventType()).isEqualTo(EventType.ACK);
        assertThat(callsOf(message)).singleElement().satisfies(request -> assertThat(MEMBER_NAME
                .matcher(request.text()).results().map(result -> result.group(1)).toList())
                .containsExactly("Service", "Password", "Channel", "Numbers", "SMSText", "Delivery", "Expiry",
                        "Priority", "Receipt", "MaxSegments"));
    }

    @Test
    void aMessageOfMorePartsThanMaxSegmentsIsNackedWithoutACall() throws Exception {
        UserMessage nine = harness.outbound(harness.opera, "27761234567", "32323", "n".repeat(9 * 153));
        UserMessage ten = harness.outbound(harness.opera, "27761234567", "32323", "x".repeat(9 * 153 + 1));
        opera.script("/Gateway", ok(Fixtures.text("opera/send_response.xml")));

        harness.send(nine);
        harness.send(ten);

        assertThat(awaitEvent(nine).eventType()).isEqualTo(EventType.ACK);
        Event nack = awaitEvent(ten);
        assertThat(nack.eventType()).isEqualTo(EventType.NACK);
        assertThat(nack.nackReason()).isEqualTo("the message takes 10 SMS parts and Opera takes at most 9"
                + " (richmond.sms.opera.max-segments, 1 to 9)");
        assertThat(nack.transportMetadata()).containsEntry("permanent", true);
        assertThat(callsOf(nine)).hasSize(1);
        assertThat(callsOf(ten)).isEmpty();
    }

    @Test
    void aFaultIsRetriedAndThenAcked() throws Exception {
        opera.script("/Gateway", ok(Fixtures.text("opera/send_fault.xml")),
                ok(Fixtures.text("opera/send_response.xml")));
        UserMessage message = harness.outbound(harness.opera, "27761234567", "32323", "fault first");

        harness.send(message);

        assertThat(awaitEvent(message).sentMessageId()).isEqualTo("abc123");
        assertThat(callsOf(message)).hasSize(2);
    }

    @Test
    void aServerErrorIsRetriedAndThenAcked() throws Exception {
        opera.script("/Gateway", status(500, "boom"), ok(Fixtures.text("opera/send_response.xml")));
        UserMessage message = harness.outbound(harness.opera, "27761234567", "32323", "500 first");

        harness.send(message);

        assertThat(awaitEvent(message).sentMessageId()).isEqualTo("abc123");
        assertThat(callsOf(message)).hasSize(2);
    }

    @Test
    void anotherNon200AnswerIsNackedAtOnce() throws Exception {
        opera.script("/Gateway", status(402, "Payment Required"));
        UserMessage message = harness.outbound(harness.opera, "27761234567", "32323", "no money");

        harness.send(message);

        Event nack = awaitEvent(message);
        assertThat(nack.eventType()).isEqualTo(EventType.NACK);
        assertThat(nack.nackReason()).isEqualTo("HTTP 402 from Opera: Payment Required");
        assertThat(nack.transportMetadata()).containsEntry("permanent", true);
        assertThat(callsOf(message)).hasSize(1);
    }

    private Event awaitEvent(UserMessage message) {
        return harness.await(harness.opera + ".event", Event.class,
                event -> event.userMessageId().equals(message.messageId()));
    }

    /** The calls for this message: the text is unique per test. */
    private static List<Request> callsOf(UserMessage message) {
        String content = message.content();
        return opera.requests("/Gateway").stream()
                .filter(request -> request.text().contains(content.chars().allMatch(c -> c < 128) ? content
                        : "w7zDr8Opw5/DuA==")).toList();
    }

    /** The fixtures carry a comment line on where they come from, which no call has. */
    private static String withoutComment(String fixture) {
        return fixture.replaceAll("(?m)^<!--.*-->\n", "");
    }
}
