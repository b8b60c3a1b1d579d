package io.richmond.sdk.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.richmond.sdk.message.Event.DeliveryStatus;
import io.richmond.sdk.message.Event.EventType;
import io.richmond.sdk.message.FailureMessage.FailureCode;
import io.richmond.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class MessageCodecTest {

    private static final JsonMapper JSON = new JsonMapper();

    private final MessageCodec codec = new MessageCodec();

    @ParameterizedTest
    @CsvSource({
            "user_message.json,          UserMessage",
            "user_message_ussd_new.json, UserMessage",
            "user_message_ussd_reply.json, UserMessage",
            "event_ack.json,             Event",
            "event_nack.json,            Event",
            "event_delivery_report.json, Event",
            "failure_message.json,       FailureMessage",
            "status_event.json,          StatusEvent",
    })
    void decodesEveryFixtureToItsTypeAndEncodesItBackUnchanged(String fixture, String type) {
        byte[] json = Fixtures.bytes("vumi/" + fixture);

        Message message = codec.decode(json);

        assertThat(message.getClass().getSimpleName()).isEqualTo(type);
        assertThat(message.extra()).isEmpty();
        assertThat(JSON.readTree(codec.encode(message))).isEqualTo(JSON.readTree(json));
        assertThat(codec.decode(codec.encode(message))).isEqualTo(message);
    }

    @Test
    void readsEveryFieldOfAUserMessage() {
        UserMessage message = codec.decode(Fixtures.bytes("vumi/user_message_ussd_new.json"), UserMessage.class);

        assertThat(message).isEqualTo(new UserMessage("6d5e1ad4d1b94b5c9d3f8e0a1c2b3d4e", "*678#", "+27000000000",
                null, SessionEvent.NEW, null, "truteq_transport", "ussd", Map.of(), null, null, null, null,
                Instant.parse("2014-01-20T10:00:00Z"), Map.of(),
                Map.of("truteq", Map.of("genfields", Map.of("IMSI", "", "Subscriber Type", "", "OperatorID", "3",
                        "SessionID", "", "ValiPort", "")))));
    }

    @Test
    void readsEveryFieldOfEvents() {
        Event ack = codec.decode(Fixtures.bytes("vumi/event_ack.json"), Event.class);
        Event report = codec.decode(Fixtures.bytes("vumi/event_delivery_report.json"), Event.class);

        assertThat(ack).isEqualTo(new Event("b8c0f2a1e3d4465f8a7b6c5d4e3f2a1b", EventType.ACK,
                "1f2e3d4c5b6a79880a9b8c7d6e5f4a3b", "abc123", null, null, "opera_transport", Map.of(),
                Instant.parse("2012-03-16T11:50:06Z"), Map.of(), Map.of()));
        assertThat(report.eventType()).isEqualTo(EventType.DELIVERY_REPORT);
        assertThat(report.deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void readsTheFailedMessageOfAFailureAsJson() {
        FailureMessage failure = codec.decode(Fixtures.bytes("vumi/failure_message.json"), FailureMessage.class);

        assertThat(failure.failureCode()).isEqualTo(FailureCode.TEMPORARY);
        assertThat(failure.reason()).startsWith("Traceback (most recent call last):");
        assertThat(codec.decode(JSON.writeValueAsBytes(failure.message()), UserMessage.class).content())
                .isEqualTo("hello world");
    }

    @Test
    void writesOnlyTheFieldsOfAnEventsOwnType() {
        UserMessage sent = codec.decode(Fixtures.bytes("vumi/user_message.json"), UserMessage.class);

        JsonNode ack = JSON.readTree(codec.encode(Event.ack(sent, "abc123")));

        assertThat(ack.propertyNames()).containsExactlyInAnyOrder("message_version", "message_type", "timestamp",
                "routing_metadata", "helper_metadata", "event_id", "event_type", "user_message_id",
                "sent_message_id", "transport_name", "transport_metadata");
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                argumentSet("not JSON", bytes("SSMI,hello"), Message.class, "not JSON: "),
                argumentSet("empty body", new byte[0], Message.class, "not JSON: the body is empty"),
                argumentSet("JSON array", bytes("[{\"message_type\": \"event\"}]"), Message.class,
                        "a message must be a JSON object, got array"),
                argumentSet("JSON followed by more text", bytes("{} {}"), Message.class, "not JSON: "),
                argumentSet("wrong message_version",
                        fixture("user_message.json", json -> json.put("message_version", "2010")), Message.class,
                        "message_version is 2010 but must be 20110921"),
                argumentSet("message_version a number",
                        fixture("user_message.json", json -> json.put("message_version", 20110921)),
                        Message.class, "message_version must be a string, got number"),
                argumentSet("missing message_version",
                        fixture("user_message.json", json -> json.remove("message_version")), Message.class,
                        "missing field message_version"),
                argumentSet("missing message_type",
                        fixture("user_message.json", json -> json.remove("message_type")), Message.class,
                        "missing field message_type"),
                argumentSet("unknown message_type",
                        fixture("user_message.json", json -> json.put("message_type", "foo")), Message.class,
                        "unknown message_type foo"),
                argumentSet("missing required field",
                        fixture("user_message.json", json -> json.remove("to_addr")), Message.class,
                        "missing field to_addr"),
                argumentSet("required field null",
                        fixture("event_ack.json", json -> json.putNull("user_message_id")), Message.class,
                        "missing field user_message_id"),
                argumentSet("missing timestamp",
                        fixture("status_event.json", json -> json.remove("timestamp")), Message.class,
                        "missing field timestamp"),
                argumentSet("ack without sent_message_id",
                        fixture("event_ack.json", json -> json.remove("sent_message_id")), Message.class,
                        "missing field sent_message_id, which an ack needs"),
                argumentSet("unknown event_type",
                        fixture("event_ack.json", json -> json.put("event_type", "bounce")), Message.class,
                        "event_type is bounce but must be one of ack, nack, delivery_report"),
                argumentSet("unknown session_event",
                        fixture("user_message.json", json -> json.put("session_event", "NEW")), Message.class,
                        "session_event is NEW but must be one of new, resume, close"),
                argumentSet("string field not a string",
                        fixture("user_message.json", json -> json.put("content", 42)), Message.class,
                        "content must be a string, got number"),
                argumentSet("metadata not an object",
                        fixture("user_message.json", json -> json.putArray("helper_metadata")), Message.class,
                        "helper_metadata must be a JSON object, got array"),
                argumentSet("reasons not strings",
                        fixture("status_event.json", json -> json.putArray("reasons").add(1)), Message.class,
                        "reasons must be a list of strings, got a number"),
                argumentSet("failure without its message",
                        fixture("failure_message.json", json -> json.remove("message")), Message.class,
                        "missing field message"),
                argumentSet("bad datetime",
                        fixture("user_message.json", json -> json.put("timestamp", "2012-03-16T11:50:05Z")),
                        Message.class,
                        "timestamp is 2012-03-16T11:50:05Z but must be a UTC time like 2015-01-02 23:14:11.456000"),
                argumentSet("datetime with 7 fraction digits",
                        fixture("user_message.json", json -> json.put("timestamp", "2012-03-16 11:50:05.1234567")),
                        Message.class, "timestamp is 2012-03-16 11:50:05.1234567 but must be"),
                argumentSet("impossible date",
                        fixture("user_message.json", json -> json.put("timestamp", "2012-02-30 11:50:05")),
                        Message.class, "timestamp is 2012-02-30 11:50:05 but must be"),
                argumentSet("user_message read as an Event", Fixtures.bytes("vumi/user_message.json"), Event.class,
                        "message_type is user_message, expected Event"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void rejectsBadInputWithAReasonNamingTheField(byte[] json, Class<? extends Message> type, String reason) {
        assertThatThrownBy(() -> codec.decode(json, type))
                .isInstanceOf(MessageFormatException.class)
                .hasMessageStartingWith(reason);
    }

    @ParameterizedTest
    @CsvSource({
            "2012-03-16 11:50:05,        2012-03-16T11:50:05Z,        2012-03-16 11:50:05.000000",
            "2012-03-16 11:50:05.5,      2012-03-16T11:50:05.500Z,    2012-03-16 11:50:05.500000",
            "2012-03-16 11:50:05.123,    2012-03-16T11:50:05.123Z,    2012-03-16 11:50:05.123000",
            "2012-03-16 11:50:05.123456, 2012-03-16T11:50:05.123456Z, 2012-03-16 11:50:05.123456",
    })
    void readsDatetimesWithUpToSixFractionDigitsAndWritesSix(String read, Instant instant, String written) {
        byte[] json = fixture("event_nack.json", node -> node.put("timestamp", read));

        Message message = codec.decode(json);

        assertThat(message.timestamp()).isEqualTo(instant);
        assertThat(JSON.readTree(codec.encode(message)).get("timestamp").stringValue()).isEqualTo(written);
    }

    @Test
    void keepsATimestampToTheMicrosecondSoThatAMessageSurvivesARoundTrip() {
        UserMessage message = UserMessage.builder().toAddr("+27000000000").fromAddr("*678#")
                .transportName("truteq_transport").transportType("ussd")
                .timestamp(Instant.parse("2014-01-20T10:00:00.123456789Z")).build();

        assertThat(message.timestamp()).isEqualTo(Instant.parse("2014-01-20T10:00:00.123456Z"));
        assertThat(codec.decode(codec.encode(message))).isEqualTo(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user_message.json", "event_ack.json", "failure_message.json", "status_event.json"})
    void keepsUnknownTopLevelFields(String fixture) {
        byte[] json = fixture(fixture, node -> {
            node.putObject("retry_metadata").put("retries", 1).put("delay", 3);
            node.put("__cache__", (String) null);
        });

        Message message = codec.decode(json);

        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("retry_metadata", Map.of("retries", 1, "delay", 3));
        extra.put("__cache__", null);
        assertThat(message.extra()).isEqualTo(extra);
        assertThat(JSON.readTree(codec.encode(message))).isEqualTo(JSON.readTree(json));
    }

    @Test
    void refusesToWriteAnExtraFieldOverAMessageField() {
        UserMessage message = codec.decode(Fixtures.bytes("vumi/user_message.json"), UserMessage.class)
                .toBuilder().extra(Map.of("to_addr", "12345")).build();

        assertThatThrownBy(() -> codec.encode(message))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("extra field to_addr would overwrite the message's own");
    }

    @Test
    void treeOfABodyThatIsNotJsonIsItsText() {
        JsonNode tree = codec.tree(bytes("SSMI,110,\u00e9t\u00e9"));

        assertThat(tree.isString()).isTrue();
        assertThat(tree.stringValue()).isEqualTo("SSMI,110,\u00e9t\u00e9");
    }

    @Test
    void treeOfAJsonBodyIsItsJson() {
        byte[] json = Fixtures.bytes("vumi/user_message.json");

        assertThat(codec.tree(json)).isEqualTo(JSON.readTree(json));
    }

    @Test
    void aFailureKeepsABodyThatWasNotJsonThroughARoundTrip() {
        FailureMessage failure = FailureMessage.of(codec.tree(bytes("{not json")), null, "not JSON");

        JsonNode written = JSON.readTree(codec.encode(failure));

        assertThat(written.get("message").stringValue()).isEqualTo("{not json");
        assertThat(written.get("failure_code").isNull()).isTrue();
        assertThat(codec.decode(codec.encode(failure))).isEqualTo(failure);
    }

    @Test
    void writesAStatusEventsDefaults() {
        StatusEvent status = new StatusEvent("connection", StatusEvent.Status.DOWN, "connection_lost",
                "Lost the SSMI connection", null, null, Instant.parse("2016-01-01T00:00:00Z"), null, null);

        JsonNode written = JSON.readTree(codec.encode(status));

        assertThat(written.get("reasons").isEmpty()).isTrue();
        assertThat(written.get("details").isEmpty()).isTrue();
        assertThat(written.get("status").stringValue()).isEqualTo("down");
        assertThat(codec.decode(codec.encode(status))).isEqualTo(status);
    }

    @Test
    void aStatusEventListsItsReasons() {
        StatusEvent status = codec.decode(fixture("status_event.json",
                json -> json.putArray("reasons").add("timeout").add("refused")), StatusEvent.class);

        assertThat(status.reasons()).isEqualTo(List.of("timeout", "refused"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A fixture with a change, to make one fault at a time. */
    private static byte[] fixture(String name, Consumer<ObjectNode> change) {
        ObjectNode json = (ObjectNode) JSON.readTree(Fixtures.bytes("vumi/" + name));
        change.accept(json);
        return JSON.writeValueAsBytes(json);
    }
}
