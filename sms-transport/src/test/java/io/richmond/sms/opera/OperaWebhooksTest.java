package io.richmond.sms.opera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.richmond.sdk.message.Event;
import io.richmond.sdk.message.Event.DeliveryStatus;
import io.richmond.sdk.message.Event.EventType;
import io.richmond.sdk.message.UserMessage;
import io.richmond.sms.TransportHarness;
import io.richmond.testsupport.Fixtures;
import io.richmond.testsupport.RequiresRabbitMq;
import tools.jackson.databind.json.JsonMapper;

/** Every Opera receipt and inbound fixture, posted to the webhooks, ends up as the contract's message. */
@RequiresRabbitMq
class OperaWebhooksTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static TransportHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = TransportHarness.start(Map.of(
                "richmond.sms.opera.webhook.username", "opera",
                "richmond.sms.opera.webhook.password", "s3cret"));
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    static Stream<Arguments> receiptBodies() {
        return Stream.of(
                Arguments.of("text/xml", Fixtures.text("opera/receipt.xml")),
                Arguments.of("text/plain; charset=utf-8", Fixtures.text("opera/receipt.xml")),
                Arguments.of("application/x-www-form-urlencoded", Fixtures.text("opera/receipt_urlencoded.txt")));
    }

    @ParameterizedTest
    @MethodSource("receiptBodies")
    void aReceiptBecomesADeliveryReportAndIsAnsweredAsRichmondDid(String contentType, String body) throws Exception {
        int before = harness.drain(harness.opera + ".event").size();

        HttpResponse<String> response = post("receipt.json", contentType, body);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=UTF-8");
        assertThat(JSON.readTree(response.body()))
                .isEqualTo(JSON.readTree(Fixtures.text("richmond/opera_receipt_response.json")));
        Event event = harness.await(harness.opera + ".event", Event.class,
                candidate -> harness.drainUnchecked(harness.opera + ".event").indexOf(candidate) >= before);
        assertThat(event.eventType()).isEqualTo(EventType.DELIVERY_REPORT);
        assertThat(event.userMessageId()).isEqualTo("001efc31");
        assertThat(event.deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(event.transportName()).isEqualTo(harness.opera);
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("msgid", "26567958");
        receipt.put("reference", "001efc31");
        receipt.put("msisdn", "+27123456789");
        receipt.put("status", "D");
        receipt.put("timestamp", "20080831T15:59:24");
        receipt.put("billed", "NO");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("provider_message_id", "001efc31");
        expected.put("provider_status", "D");
        expected.put("provider_status_text", "Delivered");
        expected.put("status", "delivered");
        expected.put("provider_timestamp", "2008-08-31 15:59:24");
        expected.put("receipt", receipt);
        assertThat(event.transportMetadata()).containsExactlyEntriesOf(expected);
    }

    @Test
    void severalReceiptsInOnePostEachBecomeAnEventAndUnreadableOnesAreAnsweredAsFailed() throws Exception {
        String body = "<receipts>"
                + "<receipt><reference>r-1</reference><status>Q</status><timestamp>20100101T10:00:00</timestamp>"
                + "</receipt>"
                + "<receipt><reference>r-2</reference><status>X</status></receipt>"
                + "<receipt><msgid>no-reference</msgid><status>D</status></receipt>"
                + "</receipts>";

        HttpResponse<String> response = post("receipt.json", "text/xml", body);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"success\": [{\"reference\": \"r-1\","
                + " \"status\": \"Q\", \"timestamp\": \"20100101T10:00:00\"}, {\"reference\": \"r-2\", \"status\":"
                + " \"X\"}], \"fail\": [{\"msgid\": \"no-reference\", \"status\": \"D\"}]}"));
        Event pending = harness.await(harness.opera + ".event", Event.class,
                event -> event.userMessageId().equals("r-1"));
        assertThat(pending.deliveryStatus()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(pending.transportMetadata()).containsEntry("status", "submitted")
                .containsEntry("provider_timestamp", "2010-01-01 10:00:00");
        Event failed = harness.await(harness.opera + ".event", Event.class,
                event -> event.userMessageId().equals("r-2"));
        assertThat(failed.deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.transportMetadata()).containsEntry("status", "failed")
                .containsEntry("provider_timestamp", null);
    }

    static Stream<Arguments> inbound() {
        String urlencoded = Fixtures.text("opera/incoming_urlencoded.txt").strip();
        String decoded = URLDecoder.decode(urlencoded.substring("XmlMsg=".length()), StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("text/plain; charset=utf-8", Fixtures.text("opera/incoming.xml"),
                        Fixtures.text("opera/incoming.xml"), "*32323", "+27831234567", "Hello World", "373736741",
                        "2010-06-04 15:51:25"),
                Arguments.of("application/x-www-form-urlencoded", urlencoded, decoded.strip(), "*32323",
                        "+27831234567", "Herb01 spice01", "1487577162", "2012-03-16 11:50:04"));
    }

    @ParameterizedTest
    @MethodSource("inbound")
    void anInboundSmsBecomesAUserMessageAndTheXmlIsEchoed(String contentType, String body, String echo, String to,
            String from, String content, String providerId, String receivedAt) throws Exception {
        HttpResponse<String> response = post("receive.xml", contentType, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml;charset=UTF-8");
        assertThat(response.body()).isEqualTo(echo);
        UserMessage message = harness.await(harness.opera + ".inbound", UserMessage.class,
                candidate -> candidate.transportMetadata().get("provider_message_id").equals(providerId));
        assertThat(message.messageId()).matches("[0-9a-f]{32}");
        assertThat(message.toAddr()).isEqualTo(to);
        assertThat(message.fromAddr()).isEqualTo(from);
        assertThat(message.content()).isEqualTo(content);
        assertThat(message.transportName()).isEqualTo(harness.opera);
        assertThat(message.transportType()).isEqualTo("sms");
        assertThat(message.provider()).isEqualTo("mtn-za");
        assertThat(message.sessionEvent()).isNull();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("provider_message_id", providerId);
        expected.put("received_at", receivedAt);
        expected.put("charset", "UTF-8");
        assertThat(message.transportMetadata()).containsExactlyEntriesOf(expected);
    }

    @Test
    void aRepeatedReceiptKeepsItsEventIdAndAnotherStatusOrTimestampGetsAnother() throws Exception {
        String receipt = "<receipts><receipt><reference>repeat-1</reference><status>D</status>"
                + "<timestamp>20100101T10:00:00</timestamp></receipt></receipts>";

        for (String body : List.of(receipt, receipt, receipt.replace(">D<", ">F<"),
                receipt.replace("10:00:00", "10:00:01"))) {
            assertThat(post("receipt.json", "text/xml", body).statusCode()).isEqualTo(201);
        }

        List<Event> events = await().atMost(TransportHarness.DEADLINE).until(() -> harness
                .drain(harness.opera + ".event").stream().map(Event.class::cast)
                .filter(event -> event.userMessageId().equals("repeat-1")).toList(),
                published -> published.size() == 4);
        assertThat(events.get(0).eventId()).isEqualTo(events.get(1).eventId());
        assertThat(events.stream().map(Event::eventId).distinct()).hasSize(3);
    }

    @Test
    void aRepeatedInboundSmsKeepsItsMessageIdUnlessOperaGaveNone() throws Exception {
        String withId = Fixtures.text("opera/incoming.xml").replace("Hello World", "again")
                .replace("373736741", "repeat-mo");
        String withoutId = withId.replace("repeat-mo", "");

        for (String body : List.of(withId, withId, withoutId, withoutId)) {
            assertThat(post("receive.xml", "text/xml", body).statusCode()).isEqualTo(200);
        }

        List<UserMessage> messages = await().atMost(TransportHarness.DEADLINE).until(() -> harness
                .drain(harness.opera + ".inbound").stream().map(UserMessage.class::cast)
                .filter(message -> message.content().equals("again")).toList(), published -> published.size() == 4);
        assertThat(messages.get(0).messageId()).isEqualTo(messages.get(1).messageId());
        assertThat(messages.stream().map(UserMessage::messageId).distinct()).hasSize(3);
    }

    private static HttpResponse<String> post(String webhook, String contentType, String body) throws Exception {
        return harness.call("POST", "/api/v1/sms/opera/" + webhook, contentType,
                body.getBytes(StandardCharsets.UTF_8), "opera", "s3cret");
    }
}
