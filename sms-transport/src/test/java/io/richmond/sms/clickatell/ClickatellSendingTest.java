package io.richmond.sms.clickatell;

import static io.richmond.sms.FakeProvider.Response.hang;
import static io.richmond.sms.FakeProvider.Response.ok;
import static io.richmond.sms.FakeProvider.Response.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.richmond.sdk.message.Event;
import io.richmond.sdk.message.Event.EventType;
import io.richmond.sdk.message.FailureMessage;
import io.richmond.sdk.message.UserMessage;
import io.richmond.sms.FakeProvider;
import io.richmond.sms.FakeProvider.Request;
import io.richmond.sms.TransportHarness;
import io.richmond.sms.webhook.FormData;
import io.richmond.testsupport.Fixtures;
import io.richmond.testsupport.RequiresRabbitMq;

/** Sending through a fake Clickatell on loopback: the exact requests it gets, and the events on the bus. */
@RequiresRabbitMq
class ClickatellSendingTest {

    private static FakeProvider clickatell;
    private static TransportHarness harness;

    @BeforeAll
    static void start() throws Exception {
        clickatell = new FakeProvider();
        harness = TransportHarness.start(Map.of(
                "richmond.sms.clickatell.base-url", clickatell.url() + "/http",
                "richmond.sms.clickatell.api-id", "123456",
                "richmond.sms.clickatell.username", "username",
                "richmond.sms.clickatell.password", "password",
                "richmond.sms.clickatell.timeout", "500ms"));
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
        clickatell.close();
    }

    @BeforeEach
    void loggedIn() {
        clickatell.script("/http/auth", ok(Fixtures.text("clickatell/auth_response_ok.txt")));
    }

    @AfterEach
    void answerHangingRequests() {
        clickatell.release();
    }

    @Test
    void aSingleAnswerIsAckedWithTheApiMessageIdAndTheRequestIsRichmondsParameterSet() throws Exception {
        clickatell.script("/http/sendmsg", ok(Fixtures.text("clickatell/sendmsg_response_single.txt")));
        UserMessage message = harness.outbound(harness.clickatell, "27123456789", "27123456789", "hello world");

        harness.send(message);

        Event ack = awaitEvent(message);
        assertThat(ack.eventType()).isEqualTo(EventType.ACK);
        assertThat(ack.sentMessageId()).isEqualTo("apimsgid");
        assertThat(ack.transportName()).isEqualTo(harness.clickatell);
        assertThat(form(clickatell.requests("/http/auth").get(0)))
                .isEqualTo(fixtureForm("clickatell/auth_request.txt"));
        // Richmond spelt it climsgid; parameter names are case-sensitive and the spec's is cliMsgId.
        Map<String, String> expected = new LinkedHashMap<>(fixtureForm("clickatell/sendmsg_request.txt"));
        expected.remove("climsgid");
        expected.put("cliMsgId", message.messageId());
        // The session is whichever the fake handed out last: other tests make the sender log in again.
        assertThat(sendsOf(message)).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.contentType()).startsWith("application/x-www-form-urlencoded");
            Map<String, String> sent = new LinkedHashMap<>(request.form());
            assertThat(sent.remove("session_id")).isNotBlank();
            expected.remove("session_id");
            assertThat(sent).containsExactlyInAnyOrderEntriesOf(expected);
        });
    }

    @Test
    void anErrorAnswerIsNackedAtOnceWithTheProvidersCodeAndText() throws Exception {
        clickatell.script("/http/sendmsg", ok(Fixtures.text("clickatell/sendmsg_response_error.txt")));
        UserMessage message = harness.outbound(harness.clickatell, "27123456789", "27123456789", "no credit");

        harness.send(message);

        Event nack = awaitEvent(message);
        assertThat(nack.eventType()).isEqualTo(EventType.NACK);
        assertThat(nack.nackReason()).isEqualTo("301: No Credit Left");
        assertThat(nack.transportMetadata()).containsEntry("permanent", true);
        assertThat(sendsOf(message)).hasSize(1);
    }

    @Test
    void aMixedAnswerAcksTheRecipientWithAnIdAndNacksTheOneWithout() throws Exception {
        clickatell.script("/http/sendmsg", ok(Fixtures.text("clickatell/sendmsg_response_mixed.txt")));
        UserMessage first = harness.outbound(harness.clickatell, "+27123456781", "27123456789", "one");
        UserMessage second = harness.outbound(harness.clickatell, "27123456782", "27123456789", "two");

        harness.send(first);
        harness.send(second);

        assertThat(awaitEvent(first).sentMessageId()).isEqualTo("apiMsgId");
        assertThat(awaitEvent(second).nackReason()).isEqualTo("301: No Credit Left");
        assertThat(sendsOf(first)).singleElement().satisfies(request ->
                assertThat(request.form()).containsEntry("to", "27123456781"));
    }

    @Test
    void aMultiRecipientAnswerAcksWithTheIdOfTheRecipientsLine() throws Exception {
        clickatell.script("/http/sendmsg", ok(Fixtures.text("clickatell/sendmsg_response_multi.txt")));
        UserMessage message = harness.outbound(harness.clickatell, "27123456782", "27123456789", "multi");

        harness.send(message);

        assertThat(awaitEvent(message).sentMessageId()).isEqualTo("apimsgid");
    }

    @Test
    void aServerErrorIsRetriedThroughTheDelayQueueAndThenAcked() throws Exception {
        clickatell.script("/http/sendmsg", status(500, "Internal Server Error"),
                ok(Fixtures.text("clickatell/sendmsg_response_single.txt")));
        UserMessage message = harness.outbound(harness.clickatell, "27123456789", "27123456789", "retry me");

        harness.send(message);

        assertThat(awaitEvent(message).eventType()).isEqualTo(EventType.ACK);
        assertThat(sendsOf(message)).hasSize(2);
        assertThat(eventsOf(message)).hasSize(1);
    }

    @Test
    void aSlowServerTimesOutAndTheRetrySucceeds() throws Exception {
        clickatell.script("/http/sendmsg", hang("ID: too-late"),
                ok(Fixtures.text("clickatell/sendmsg_response_single.txt")));
        UserMessage message = harness.outbound(harness.clickatell, "27123456789", "27123456789", "slow");

        harness.send(message);

        assertThat(awaitEvent(message).sentMessageId()).isEqualTo("apimsgid");
        assertThat(sendsOf(message)).hasSize(2);
    }

    @Test
    void anExpiredSessionLogsInAgainAndSendsOnceMore() throws Exception {
        clickatell.script("/http/auth", ok("OK: first_session"), ok("OK: second_session"));
        clickatell.script("/http/sendmsg", ok(Fixtures.text("clickatell/getbalance_response_error.txt")),
                ok(Fixtures.text("clickatell/sendmsg_response_single.txt")));
        UserMessage message = harness.outbound(harness.clickatell, "27123456789", "27123456789", "expired");

        harness.send(message);

        assertThat(awaitEvent(message).sentMessageId()).isEqualTo("apimsgid");
        List<Request> sends = sendsOf(message);
        assertThat(sends).hasSize(2);
        assertThat(sends.get(1).form().get("session_id")).isNotEqualTo(sends.get(0).form().get("session_id"));
        List<Request> all = clickatell.requests();
        assertThat(all.subList(all.indexOf(sends.get(0)), all.indexOf(sends.get(1))))
                .extracting(Request::path).contains("/http/auth");
    }

    @Test
    void afterTheLastAttemptItIsNackedAndReportedOnTheFailuresQueue() throws Exception {
        clickatell.script("/http/sendmsg", status(503, "Service Unavailable"));
        UserMessage message = harness.outbound(harness.clickatell, "27123456789", "27123456789", "doomed");

        harness.send(message);

        Event nack = awaitEvent(message);
        assertThat(nack.eventType()).isEqualTo(EventType.NACK);
        assertThat(nack.nackReason()).startsWith("gave up after 3 attempts: HTTP 503 from Clickatell sendmsg");
        assertThat(nack.transportMetadata()).containsEntry("permanent", false).containsEntry("attempts", 3);
        FailureMessage failure = harness.await(harness.clickatell + ".failures", FailureMessage.class,
                candidate -> candidate.message().get("message_id").asString().equals(message.messageId()));
        assertThat(failure.failureCode()).isEqualTo(FailureMessage.FailureCode.TEMPORARY);
        assertThat(sendsOf(message)).hasSize(3);
    }

    /** Clickatell takes a number without {@code +}; short codes and alphanumeric senders go as they are. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            +27123456789 | 27123456789
            27123456789  | 27123456789
            32323        | 32323
            12345678     | 12345678
            Richmond     | Richmond
            MyShop 24    | MyShop 24
            ABCDEFGHIJK  | ABCDEFGHIJK
            """)
    void everySenderFormIsSentAsFrom(String sender, String from) throws Exception {
        clickatell.script("/http/sendmsg", ok(Fixtures.text("clickatell/sendmsg_response_single.txt")));
        UserMessage message = harness.outbound(harness.clickatell, "27123456789", sender, "from " + sender);

        harness.send(message);

        assertThat(awaitEvent(message).eventType()).isEqualTo(EventType.ACK);
        assertThat(sendsOf(message)).singleElement().satisfies(request -> assertThat(request.form())
                .containsEntry("from", from)
                .containsEntry("req_feat", "8240"));
    }

    @Test
    void aMessageOfTenPartsIsSentWithConcat() throws Exception {
        clickatell.script("/http/sendmsg", ok(Fixtures.text("clickatell/sendmsg_response_single.txt")));
        UserMessage message = harness.outbound(harness.clickatell, "27123456789", "Richmond", "t".repeat(10 * 153));

        harness.send(message);

        assertThat(awaitEvent(message).eventType()).isEqualTo(EventType.ACK);
        assertThat(sendsOf(message)).singleElement().satisfies(request -> assertThat(request.form())
                .containsEntry("concat", "10")
                .containsEntry("req_feat", String.valueOf(8240 + 16384))
                .containsEntry("text", "t".repeat(10 * 153)));
    }

    @Test
    void textOutsideTheGsmAlphabetIsSentAsUcs2Hex() throws Exception {
        clickatell.script("/http/sendmsg", ok(Fixtures.text("clickatell/sendmsg_response_single.txt")));
        UserMessage message = harness.outbound(harness.clickatell, "27123456789", "27123456789", "Zoë 你好");

        harness.send(message);

        awaitEvent(message);
        assertThat(sendsOf(message)).singleElement().satisfies(request -> assertThat(request.form())
                .containsEntry("unicode", "1")
                .containsEntry("text", "005A006F00EB00204F60597D")
                .containsEntry("req_feat", "8248"));
    }

    private Event awaitEvent(UserMessage message) {
        return harness.await(harness.clickatell + ".event", Event.class,
                event -> event.userMessageId().equals(message.messageId()));
    }

    private List<Event> eventsOf(UserMessage message) throws Exception {
        return harness.drain(harness.clickatell + ".event").stream().map(Event.class::cast)
                .filter(event -> event.userMessageId().equals(message.messageId())).toList();
    }

    private static List<Request> sendsOf(UserMessage message) {
        return clickatell.requests("/http/sendmsg").stream()
                .filter(request -> message.messageId().equals(request.form().get("cliMsgId"))).toList();
    }

    private static Map<String, String> form(Request request) {
        return request.form();
    }

    private static Map<String, String> fixtureForm(String fixture) {
        return FormData.parse(Fixtures.text(fixture).strip(), StandardCharsets.UTF_8).values();
    }
}
