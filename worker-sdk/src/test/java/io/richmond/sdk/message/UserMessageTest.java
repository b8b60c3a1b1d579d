package io.richmond.sdk.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.richmond.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class UserMessageTest {

    private static final JsonMapper JSON = new JsonMapper();

    private final MessageCodec codec = new MessageCodec();

    private static UserMessage.Builder inbound() {
        return UserMessage.builder().toAddr("*678#").fromAddr("+27000000000")
                .transportName("truteq_transport").transportType("ussd");
    }

    @Test
    void builderDefaultsToANewVumiIdTheCurrentTimeAndNoMetadata() {
        Instant before = Instant.now();

        UserMessage message = inbound().build();

        assertThat(message.messageId()).matches("[0-9a-f]{32}");
        assertThat(inbound().build().messageId()).isNotEqualTo(message.messageId());
        assertThat(message.timestamp()).isBetween(before.minusMillis(1), Instant.now());
        assertThat(message.transportMetadata()).isEmpty();
        assertThat(message.routingMetadata()).isEmpty();
        assertThat(message.helperMetadata()).isEmpty();
        assertThat(message.extra()).isEmpty();
        assertThat(message.sessionEvent()).isNull();
    }

    @Test
    void toBuilderCopiesEveryField() {
        UserMessage message = codec.decode(Fixtures.bytes("vumi/user_message_ussd_reply.json"), UserMessage.class);

        assertThat(message.toBuilder().build()).isEqualTo(message);
        assertThat(message.toBuilder().content("changed").build().content()).isEqualTo("changed");
    }

    @Test
    void replyIsVumisReply() {
        UserMessage received = codec.decode(Fixtures.bytes("vumi/user_message_ussd_new.json"), UserMessage.class);
        Instant before = Instant.now();

        UserMessage reply = received.reply("quitting, goodbye!", SessionEvent.CLOSE);

        assertThat(reply.messageId()).matches("[0-9a-f]{32}").isNotEqualTo(received.messageId());
        assertThat(reply.timestamp()).isBetween(before.minusMillis(1), Instant.now());
        // Apart from its new id and time, the reply is the one Vumi made in the fixture.
        ObjectNode written = (ObjectNode) JSON.readTree(codec.encode(reply));
        ObjectNode expected = (ObjectNode) JSON.readTree(Fixtures.bytes("vumi/user_message_ussd_reply.json"));
        for (ObjectNode json : List.of(written, expected)) {
            json.remove(List.of("message_id", "timestamp"));
        }
        assertThat(written).isEqualTo(expected);
    }

    @Test
    void replyCopiesTheTransportFieldsGroupProviderAndMetadata() {
        UserMessage received = inbound().group("#channel").provider("mtn").toAddrType("msisdn")
                .transportMetadata(Map.of("session_id", "42"))
                .helperMetadata(Map.of("truteq", Map.of("genfields", Map.of("OperatorID", "3"))))
                .routingMetadata(Map.of("endpoint_name", "sms_api", "hops", List.of("a")))
                .extra(Map.of("retry_metadata", Map.of("retries", 1)))
                .sessionEvent(SessionEvent.RESUME).content("1")
                .build();

        UserMessage reply = received.reply("Thanks", null);

        assertThat(reply.toAddr()).isEqualTo(received.fromAddr());
        assertThat(reply.fromAddr()).isEqualTo(received.toAddr());
        assertThat(reply.inReplyTo()).isEqualTo(received.messageId());
        assertThat(reply.sessionEvent()).isNull();
        assertThat(reply.content()).isEqualTo("Thanks");
        assertThat(reply.transportName()).isEqualTo("truteq_transport");
        assertThat(reply.transportType()).isEqualTo("ussd");
        assertThat(reply.transportMetadata()).isEqualTo(received.transportMetadata());
        assertThat(reply.group()).isEqualTo("#channel");
        assertThat(reply.provider()).isEqualTo("mtn");
        assertThat(reply.helperMetadata()).isEqualTo(received.helperMetadata());
        assertThat(reply.routingMetadata()).isEqualTo(received.routingMetadata());
        assertThat(reply.toAddrType()).isNull();
        assertThat(reply.extra()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(names = {"NEW", "RESUME"})
    void aReplyCannotStartOrResumeASession(SessionEvent sessionEvent) {
        UserMessage received = inbound().build();

        assertThatThrownBy(() -> received.reply("hi", sessionEvent))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a reply's session_event must be null (continue) or close, not " + sessionEvent);
    }

    static Stream<Arguments> missingFields() {
        return Stream.of(
                missing("message_id", builder -> builder.messageId(null)),
                missing("to_addr", builder -> builder.toAddr(null)),
                missing("from_addr", builder -> builder.fromAddr(null)),
                missing("transport_name", builder -> builder.transportName(null)),
                missing("transport_type", builder -> builder.transportType(null)),
                missing("timestamp", builder -> builder.timestamp(null)));
    }

    private static Arguments missing(String field, UnaryOperator<UserMessage.Builder> change) {
        return argumentSet(field, change, field);
    }

    @ParameterizedTest
    @MethodSource("missingFields")
    void requiresItsFields(UnaryOperator<UserMessage.Builder> change, String field) {
        UserMessage.Builder builder = change.apply(inbound());

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing field " + field);
    }

    @Test
    void nullMetadataIsEmptyAndMetadataCannotBeChanged() {
        Map<String, Object> nested = new HashMap<>(Map.of("OperatorID", "3"));
        Map<String, Object> helper = new HashMap<>(Map.of("truteq", nested));

        UserMessage message = new UserMessage("1", "*678#", "+27000000000", null, null, null, "truteq_transport",
                "ussd", null, null, null, null, null, Instant.now(), null, helper);
        nested.put("OperatorID", "4");

        assertThat(message.transportMetadata()).isEmpty();
        assertThat(message.routingMetadata()).isEmpty();
        assertThat(message.helperMetadata()).isEqualTo(Map.of("truteq", Map.of("OperatorID", "3")));
        assertThatThrownBy(() -> message.transportMetadata().put("a", "b"))
                .isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> truteq = (Map<String, Object>) message.helperMetadata().get("truteq");
        assertThatThrownBy(() -> truteq.put("OperatorID", "5")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void metadataMayHoldNulls() {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("session_id", null);

        UserMessage message = inbound().transportMetadata(metadata).build();

        assertThat(message.transportMetadata()).containsEntry("session_id", null);
        assertThat(codec.decode(codec.encode(message))).isEqualTo(message);
    }
}
