package io.richmond.sms.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.richmond.sms.TransportHarness;
import io.richmond.testsupport.Fixtures;
import io.richmond.testsupport.RequiresRabbitMq;

/**
 * Every answer of the webhooks' port carries the headers Spring Security gives every answer of the API: the
 * webhooks', the refusals', Spring's error pages and Tomcat's own.
 */
@RequiresRabbitMq
class SecurityHeadersTest {

    private static final Map<String, String> HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate",
            "Pragma", "no-cache",
            "Expires", "0",
            "X-XSS-Protection", "0");
    private static final String OPERA = "/api/v1/sms/opera/";
    private static final String CLICKATELL = "/api/v1/sms/clickatell/";
    private static final Map<String, String> OPERA_LOGIN = Map.of("Authorization", "Basic b3BlcmE6MHBlcmE=");

    private static TransportHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = TransportHarness.start(Map.of(
                "richmond.sms.clickatell.webhook.username", "clickatell",
                "richmond.sms.clickatell.webhook.password", "s3cret",
                // Excludes the tests' 127.0.0.1, for a 403.
                "richmond.sms.clickatell.webhook.allowed-networks", "192.0.2.0/24",
                "richmond.sms.opera.webhook.username", "opera",
                "richmond.sms.opera.webhook.password", "0pera",
                "richmond.sms.webhook.max-body-size", "4KB"));
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    /** Method, path, content type, body, headers, and the status the call is answered with. */
    static Stream<Arguments> calls() {
        String receipt = Fixtures.text("opera/receipt.xml");
        return Stream.of(
                Arguments.of("POST", OPERA + "receive.xml", "text/xml", Fixtures.text("opera/incoming.xml"),
                        OPERA_LOGIN, 200),
                Arguments.of("POST", OPERA + "receipt.json", "text/xml", receipt, OPERA_LOGIN, 201),
                Arguments.of("POST", OPERA + "receipt.json", "text/xml", "<receipts", OPERA_LOGIN, 400),
                Arguments.of("POST", OPERA + "receipt.json", "text/xml", receipt, Map.of(), 401),
                Arguments.of("POST", CLICKATELL + "receipt.json", "application/x-www-form-urlencoded",
                        "apiMsgId=a&status=004", Map.of(), 403),
                Arguments.of("POST", OPERA + "receive.xml", "text/xml", "x".repeat(4097), OPERA_LOGIN, 413),
                Arguments.of("POST", OPERA + "receive.xml", "application/json", "{}", OPERA_LOGIN, 415),
                Arguments.of("GET", OPERA + "receipt.json", null, null, OPERA_LOGIN, 405),
                Arguments.of("GET", "/", null, null, Map.of(), 404),
                Arguments.of("GET", "/error", null, null, Map.of(), 500),
                // Refused by Tomcat itself, before any filter or servlet
                Arguments.of("GET", OPERA + "receipt.json?x=" + "x".repeat(20_000), null, null, OPERA_LOGIN, 400),
                Arguments.of("GET", "/api/v1/sms/opera%2Freceipt.json", null, null, OPERA_LOGIN, 400));
    }

    @ParameterizedTest
    @MethodSource("calls")
    void everyAnswerCarriesTheSecurityHeaders(String method, String path, String contentType, String body,
            Map<String, String> headers, int status) throws Exception {
        HttpResponse<String> response = harness.call(method, path, contentType,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);

        assertThat(response.statusCode()).isEqualTo(status);
        HEADERS.forEach((name, value) -> assertThat(response.headers().allValues(name)).as(name)
                .containsExactly(value));
    }
}
