package io.richmond.sms.opera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.richmond.sdk.message.UserMessage;
import io.richmond.sms.webhook.WebhookAccess;
import io.richmond.testsupport.Fixtures;

/** The XML-RPC Opera is sent and answers, against the fixtures. */
class XmlRpcTest {

    private static final Clock FIXTURE_TIME = Clock.fixed(Instant.parse("2011-01-01T00:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({"opera/send_request.xml, 27761234567, hello world",
            "opera/send_request_unicode.xml, 27761234567, üïéßø"})
    void sendSmsCallsAreWrittenByteForByteAsTheFixtures(String fixture, String to, String content) {
        OperaSender sender = new OperaSender(null, new OperaProperties("opera", null, "service", "password",
                "channel", "standard", "Y", Duration.ofDays(1), 9, 1, Duration.ofSeconds(1), Duration.ofSeconds(1),
                new WebhookAccess(null, null, false, null)), FIXTURE_TIME);
        UserMessage message = UserMessage.builder().toAddr(to).fromAddr("32323").content(content)
                .transportName("opera").transportType("sms").build();

        assertThat(new String(sender.request(message), StandardCharsets.UTF_8))
                .isEqualTo(Fixtures.text(fixture).replaceAll("(?m)^<!--.*-->\n", ""));
    }

    @ParameterizedTest
    @CsvSource({"opera/send_request_richmond.xml"})
    void arraysAreWrittenAsXmlRpcDoes(String fixture) {
        Map<String, Object> struct = new java.util.LinkedHashMap<>();
        struct.put("Service", "service");
        struct.put("Password", "password");
        struct.put("Channel", "channel");
        struct.put("Numbers", "27123456789");
        struct.put("SMSTexts", List.of("yebo"));
        struct.put("Delivery", java.time.LocalDateTime.parse("2011-01-01T00:00:00"));
        struct.put("Expiry", java.time.LocalDateTime.parse("2011-01-02T00:00:00"));
        struct.put("Priority", "standard");
        struct.put("Receipt", "Y");

        assertThat(new String(XmlRpc.call("EAPIGateway.SendSMS", List.of(struct)), StandardCharsets.UTF_8))
                .isEqualTo(Fixtures.text(fixture).replaceAll("(?m)^<!--.*-->\n", ""));
    }

    static Stream<Arguments> responses() {
        return Stream.of(
                Arguments.of(Fixtures.text("opera/send_response.xml"),
                        new XmlRpc.Success(Map.of("Identifier", "abc123"))),
                Arguments.of(Fixtures.text("opera/send_fault.xml"), new XmlRpc.Fault(503, "oh noes!")),
                Arguments.of("<methodResponse><params><param><value>untyped</value></param></params>"
                        + "</methodResponse>", new XmlRpc.Success("untyped")),
                Arguments.of("<methodResponse><params><param><value><array><data><value><i4>1</i4></value>"
                        + "<value><boolean>1</boolean></value></data></array></value></param></params>"
                        + "</methodResponse>", new XmlRpc.Success(List.of(1, true))));
    }

    @ParameterizedTest
    @MethodSource("responses")
    void responsesAreRead(String body, XmlRpc.Response expected) throws Exception {
        assertThat(XmlRpc.response(body.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            <html>Bad gateway</html>                                         | expected <methodResponse>
            not xml at all                                                   | not XML
            <methodResponse><params/></methodResponse>                       | without <params><param><value>
            <methodResponse><params><param><value><int>x</int></value></param></params></methodResponse> | bad <int>
            """)
    void otherAnswersAreRefused(String body, String reason) {
        assertThatThrownBy(() -> XmlRpc.response(body.strip().getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining(reason);
    }
}
