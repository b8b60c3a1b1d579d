package io.richmond.sms.clickatell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
import io.richmond.sms.webhook.FormData;
import io.richmond.testsupport.Fixtures;
import io.richmond.testsupport.RequiresRabbitMq;

/** Every Clickatell receipt and MO fixture, posted to the webhooks, ends up as the contract's message. */
@RequiresRabbitMq
class ClickatellWebhooksTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    private static TransportHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = TransportHarness.start(Map.of(
                "richmond.sms.clickatell.webhook.username", "clickatell",
                "richmond.sms.clickatell.webhook.password", "s3cret"));
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    /** How the receipt is sent (GET query or POST form), the body, and the event it must become. */
    static Stream<Arguments> receipts() {
        String receipt = Fixtures.text("clickatell/receipt.txt").strip();
        String richmond = Fixtures.text("clickatell/receipt_richmond_test.txt").strip();
        String xml = "data=" + URLEncoder.encode(Fixtures.text("clickatell/receipt.xml"), StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("GET", receipt, "abc123", "996f364775e24b8432f45d77da8eca47", "003",
                        "Delivered to gateway", "submitted", DeliveryStatus.PENDING, "2008-08-06 07:30:14"),
                Arguments.of("POST", receipt, "abc123", "996f364775e24b8432f45d77da8eca47", "003",
                        "Delivered to gateway", "submitted", DeliveryStatus.PENDING, "2008-08-06 07:30:14"),
                Arguments.of("POST", richmond, "1", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "8", "OK", "submitted",
                        DeliveryStatus.PENDING, "2010-05-14 12:37:55"),
                Arguments.of("POST", xml, "996411ad91fa211e7d17bc873aa4a41d", "996411ad91fa211e7d17bc873aa4a41d",
                        "004", "Received by recipient", "delivered", DeliveryStatus.DELIVERED, "2008-08-06 07:35:29"),
                Arguments.of("POST", "apiMsgId=x1&cliMsgId=m1&status=010&timestamp=0", "m1", "x1", "010",
                        "Message expired", "expired", DeliveryStatus.FAILED, "1970-01-01 00:00:00"),
                Arguments.of("GET", "apiMsgId=x2&status=012", "x2", "x2", "012", "Out of credit", "rejected",
                        DeliveryStatus.FAILED, null));
    }

    @ParameterizedTest
    @MethodSource("receipts")
    void aReceiptBecomesADeliveryReport(String method, String body, String userMessageId, String providerId,
            String status, String statusText, String normalized, DeliveryStatus deliveryStatus, String timestamp)
            throws Exception {
        HttpResponse<String> response = call(method, "receipt.json", body);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("Created");
        Event event = harness.await(harness.clickatell + ".event", Event.class,
                candidate -> candidate.transportMetadata().get("provider_message_id").equals(providerId)
                        && candidate.transportMetadata().get("provider_status").equals(status));
        assertThat(event.eventType()).isEqualTo(EventType.DELIVERY_REPORT);
        assertThat(event.userMessageId()).isEqualTo(userMessageId);
        assertThat(event.deliveryStatus()).isEqualTo(deliveryStatus);
        assertThat(event.transportName()).isEqualTo(harness.clickatell);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("provider_message_id", providerId);
        expected.put("provider_status", status);
        expected.put("provider_status_text", statusText);
        expected.put("status", normalized);
        expected.put("provider_timestamp", timestamp);
        expected.put("receipt", fields(body));
        assertThat(event.transportMetadata()).containsExactlyEntriesOf(expected);
    }

    /** How the MO is sent, the body, and the user message it must become. */
    static Stream<Arguments> inbound() {
        String xml = "data=" + URLEncoder.encode(Fixtures.text("clickatell/mo.xml"), StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("GET", Fixtures.text("clickatell/mo.txt").strip(), "27123456789", "279991235642",
                        "Here is the message text", "b2aee337abd962489b123fda9c3480fa", "2008-08-06 07:43:50",
                        "ISO-8859-1", null),
                Arguments.of("POST", Fixtures.text("clickatell/mo_richmond_test.txt").strip(), "27123456789",
                        "27123456789", "hello world", "aaaaaaaaaaaa", "2010-05-14 10:37:55", null, null),
                Arguments.of("POST", xml, "27123456789", "279991235642", "Here is the message text",
                        "fa6ba35b330ce1bc7e2008e5d92d57aa", "2007-02-26 12:36:50", "ISO-8859-1", null),
                Arguments.of("POST", "api_id=1&moMsgId=part1&from=2782&to=2783&timestamp=2010-01-01+02%3A00%3A00"
                        + "&text=caf%E9+1&charset=ISO-8859-1&udh=050003330201", "2783", "2782", "café 1", "part1",
                        "2010-01-01 00:00:00", "ISO-8859-1", "050003330201"),
                // Control characters and markup are text like any other: published verbatim, never interpreted.
                Arguments.of("POST", "moMsgId=controls&from=2782&to=2783&timestamp=2010-01-01+02%3A00%3A00"
                        + "&text=a%09b%1B%7F%0D%0Ac%3Cx%2F%3E%26amp%3B%27%3B+DROP+TABLE+sms%3B+%7B%7B7*7%7D%7D",
                        "2783", "2782", "a\tb\u001b\u007f\r\nc<x/>&amp;'; DROP TABLE sms; {{7*7}}", "controls",
                        "2010-01-01 00:00:00", null, null),
                // A long text fits in the body limit and is published whole.
                Arguments.of("POST", "moMsgId=long&from=2782&to=2783&timestamp=2010-01-01+02%3A00%3A00&text="
                        + "%C3%A9".repeat(9000), "2783", "2782", "é".repeat(9000), "long", "2010-01-01 00:00:00",
                        null, null));
    }

    @ParameterizedTest
    @MethodSource("inbound")
    void anInboundSmsBecomesAUserMessage(String method, String body, String to, String from, String content,
            String providerId, String receivedAt, String charset, String udh) throws Exception {
        HttpResponse<String> response = call(method, "receive.json", body);

        assertThat(response.statusCode()).isEqualTo(200);
        UserMessage message = harness.await(harness.clickatell + ".inbound", UserMessage.class,
                candidate -> candidate.transportMetadata().get("provider_message_id").equals(providerId));
        assertThat(response.body()).contains("\"message_id\":\"" + message.messageId() + "\"");
        assertThat(message.messageId()).matches("[0-9a-f]{32}");
        assertThat(message.toAddr()).isEqualTo(to);
        assertThat(message.fromAddr()).isEqualTo(from);
        assertThat(message.content()).isEqualTo(content);
        assertThat(message.transportName()).isEqualTo(harness.clickatell);
        assertThat(message.transportType()).isEqualTo("sms");
        assertThat(message.sessionEvent()).isNull();
        assertThat(message.inReplyTo()).isNull();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("provider_message_id", providerId);
        expected.put("received_at", receivedAt);
        expected.put("charset", charset);
        if (udh != null) {
            expected.put("udh", udh);
        }
        assertThat(message.transportMetadata()).containsExactlyEntriesOf(expected);
    }

    @Test
    void aRepeatedReceiptKeepsItsEventIdAndAnotherStatusOrTimeGetsAnother() throws Exception {
        String receipt = "apiMsgId=repeat-1&cliMsgId=m-repeat&status=003&timestamp=1218007814";

        for (String body : List.of(receipt, receipt, receipt.replace("status=003", "status=004"),
                receipt.replace("timestamp=1218007814", "timestamp=1218007815"))) {
            assertThat(call("POST", "receipt.json", body).statusCode()).isEqualTo(201);
        }

        List<Event> events = await().atMost(TransportHarness.DEADLINE).until(() -> harness
                .drain(harness.clickatell + ".event").stream().map(Event.class::cast)
                .filter(event -> event.transportMetadata().get("provider_message_id").equals("repeat-1")).toList(),
                published -> published.size() == 4);
        assertThat(events).extracting(Event::eventId).allMatch(id -> id.matches("[0-9a-f]{32}"));
        assertThat(events.get(0).eventId()).isEqualTo(events.get(1).eventId());
        assertThat(events.stream().map(Event::eventId).distinct()).hasSize(3);
    }

    @Test
    void aRepeatedInboundSmsKeepsItsMessageId() throws Exception {
        String mo = "moMsgId=mo-repeat&from=2782&to=2783&timestamp=2010-01-01+02%3A00%3A00&text=again";

        HttpResponse<String> first = call("POST", "receive.json", mo);
        HttpResponse<String> second = call("GET", "receive.json", mo);
        HttpResponse<String> other = call("POST", "receive.json", mo.replace("mo-repeat", "mo-other"));

        List<UserMessage> messages = await().atMost(TransportHarness.DEADLINE).until(() -> harness
                .drain(harness.clickatell + ".inbound").stream().map(UserMessage.class::cast)
                .filter(message -> message.content().equals("again")).toList(), published -> published.size() == 3);
        Map<Object, List<String>> ids = messages.stream().collect(Collectors.groupingBy(
                message -> message.transportMetadata().get("provider_message_id"),
                Collectors.mapping(UserMessage::messageId, Collectors.toList())));
        String id = ids.get("mo-repeat").get(0);
        assertThat(ids.get("mo-repeat")).containsExactly(id, id);
        assertThat(ids.get("mo-other")).singleElement().isNotEqualTo(id);
        assertThat(first.body()).contains("\"message_id\":\"" + id + "\"");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(other.body()).doesNotContain(id);
    }

    private static HttpResponse<String> call(String method, String webhook, String body) throws Exception {
        String path = "/api/v1/sms/clickatell/" + webhook;
        return method.equals("GET")
                ? harness.call("GET", path + "?" + body, null, null, "clickatell", "s3cret")
                : harness.call("POST", path, FORM, body.getBytes(StandardCharsets.ISO_8859_1), "clickatell",
                        "s3cret");
    }

    /** The receipt's fields as the provider sent them: the parameters, or the XML's elements. */
    private static Map<String, String> fields(String body) {
        FormData form = FormData.parse(body, StandardCharsets.UTF_8);
        if (form.get("data") == null) {
            return form.values();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("apiMsgId", "996411ad91fa211e7d17bc873aa4a41d");
        fields.put("cliMsgId", "");
        fields.put("timestamp", "1218008129");
        fields.put("to", "279995631564");
        fields.put("from", "27833001171");
        fields.put("charge", "0.300000");
        fields.put("status", "004");
        return fields;
    }
}
