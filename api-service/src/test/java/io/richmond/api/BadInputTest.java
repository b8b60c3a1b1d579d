package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalManagementPort;

import tools.jackson.databind.JsonNode;

/** Every parameter refused with a 400 that names it; unknown things answer 404; no credentials answer 401. */
class BadInputTest extends ApiTestBase {

    @LocalManagementPort
    private int managementPort;
    private String user;

    @BeforeEach
    void account() {
        user = newAccount("bad");
    }

    static Stream<Arguments> badSends() {
        String ok = "from_msisdn=27123456789&message=hi";
        String to = "to_msisdn=27123456789&message=hi&from_msisdn=";
        return Stream.of(
                Arguments.of("send.json", "from_msisdn=27123456789&message=hi", "to_msisdn", "required"),
                Arguments.of("send.json", "to_msisdn=abc&" + ok, "to_msisdn", "'abc' is not an msisdn"),
                Arguments.of("send.json", "to_msisdn=123456&" + ok, "to_msisdn", "7 to 15 digits"),
                Arguments.of("send.json", "to_msisdn=1234567890123456&" + ok, "to_msisdn", "7 to 15 digits"),
                Arguments.of("send.json", "to_msisdn=27123456789&to_msisdn=%2B%2B27123456789&" + ok, "to_msisdn",
                        "'++27123456789'"),
                Arguments.of("send.json", "to_msisdn=27123456789&message=hi", "from_msisdn", "required"),
                Arguments.of("send.json", to + "12", "from_msisdn", "'12' is not a sender"),
                Arguments.of("send.json", to + "1234567890123456", "from_msisdn", "'1234567890123456' is not a sender"),
                Arguments.of("send.json", to + "%2B123456", "from_msisdn", "'+123456' is not a sender"),
                Arguments.of("send.json", to + "RichmondSMS1", "from_msisdn", "'RichmondSMS1' is not a sender"),
                Arguments.of("send.json", to + "Shop%E2%82%AC", "from_msisdn", "'Shop€' is not a sender"),
                Arguments.of("send.json", to + "Caf%C3%A9", "from_msisdn", "'Café' is not a sender"),
                Arguments.of("send.json", to + "Shop%F0%9F%98%80", "from_msisdn", "is not a sender"),
                Arguments.of("send.json", to + "Shop%0A24", "from_msisdn", "is not a sender"),
                Arguments.of("send.json", to + "Shop%0924", "from_msisdn", "is not a sender"),
                Arguments.of("send.json", to + "%2BShop", "from_msisdn", "'+Shop' is not a sender"),
                Arguments.of("send.json", to + "Shop%2F24", "from_msisdn", "'Shop/24' is not a sender"),
                Arguments.of("send.json", to + "+Shop", "from_msisdn", "' Shop' is not a sender"),
                Arguments.of("send.json", to + "Shop+", "from_msisdn", "'Shop ' is not a sender"),
                Arguments.of("send.json", to + "12-34", "from_msisdn", "'12-34' is not a sender"),
                Arguments.of("send.json", to + "+", "from_msisdn", "required"),
                Arguments.of("send.json", to + "RichmondSMS1", "from_msisdn", "an msisdn (digits with an optional"
                        + " leading +, 7 to 15 digits), a short code (3 to 8 digits) or an alphanumeric sender ID (1"
                        + " to 11 ASCII letters, digits, spaces and & ' - . _"),
                Arguments.of("template_send.json", "to_msisdn=27123456789&template=Hi&from_msisdn=RichmondSMS1",
                        "from_msisdn", "'RichmondSMS1' is not a sender"),
                Arguments.of("send.json", "to_msisdn=27123456789&from_msisdn=27123456789", "message", "required"),
                Arguments.of("send.json", "to_msisdn=27123456789&from_msisdn=27123456789&message=+", "message",
                        "required"),
                Arguments.of("send.json", "to_msisdn=27123456789&from_msisdn=27123456789&message=" + "a".repeat(1531),
                        "message", "takes 11 GSM-7 segments, at most 10"),
                Arguments.of("send.json", "to_msisdn=27123456789&from_msisdn=27123456789&message=" + "%E2%98%BA"
                        .repeat(671), "message", "takes 11 UCS-2 segments, at most 10"),
                Arguments.of("template_send.json", "to_msisdn=27123456789&from_msisdn=27123456789", "template",
                        "required"),
                Arguments.of("template_send.json", "to_msisdn=27123456789&to_msisdn=27123456788"
                        + "&from_msisdn=27123456789&template=Hi+%7B%7Bname%7D%7D&template_name=Ann", "template_name",
                        "Number of to_msisdns and template variables do not match"),
                Arguments.of("template_send.json", "to_msisdn=27123456789&from_msisdn=27123456789"
                        + "&template=Hi+%7B%7Bname%7D%7D", "template", "cannot fill the template"),
                Arguments.of("template_send.json", "to_msisdn=27123456789&from_msisdn=27123456789"
                        + "&template=Hi+%7B%7B%23name%7D%7D", "template", "not valid Mustache"),
                Arguments.of("template_send.json", "from_msisdn=27123456789&template=Hi", "to_msisdn", "required"));
    }

    @ParameterizedTest
    @MethodSource("badSends")
    void aBadSendIsRefusedNamingTheField(String resource, String body, String field, String problem) {
        HttpResponse<String> answer = postForm(user, "/api/v1/sms/clickatell/" + resource, body);

        assertBadRequest(answer, field, problem);
        assertThat(jdbc.queryForObject("select count(*) from sent_sms", Integer.class)).isZero();
    }

    @Test
    void badJsonIsRefused() {
        assertBadRequest(postJson(user, "/api/v1/sms/clickatell/send.json", "{\"to_msisdn\": "), "body",
                "not valid JSON");
        assertBadRequest(postJson(user, "/api/v1/sms/clickatell/send.json", "[1]"), "body", "JSON object");
        assertBadRequest(postJson(user, "/api/v1/sms/clickatell/send.json",
                "{\"to_msisdn\": {\"a\": 1}, \"from_msisdn\": \"27123456789\", \"message\": \"hi\"}"), "to_msisdn",
                "a string or a list of strings");
        assertBadRequest(postJson(user, "/api/v1/sms/clickatell/send.json",
                "{\"to_msisdn\": \"27123456789\", \"from_msisdn\": true, \"message\": \"hi\"}"), "from_msisdn",
                "a string or a list of strings");
    }

    @Test
    void badStatusQueriesAreRefused() {
        assertBadRequest(get(user, "/api/v1/sms/clickatell/status.json?since=yesterday"), "since",
                "'yesterday' is not a date");
        assertBadRequest(get(user, "/api/v1/sms/clickatell/status.json?start=-1"), "start", "not an offset");
        assertBadRequest(get(user, "/api/v1/sms/clickatell/status.json?id=x"), "id", "'x' is not an SMS id");
    }

    @Test
    void badIdempotencyKeysAreRefused() {
        assertBadRequest(postForm(user, "/api/v1/sms/clickatell/send.json", form("to_msisdn", "27123456789",
                "from_msisdn", "27123456789", "message", "hi"), "Idempotency-Key", "k".repeat(256)),
                "Idempotency-Key", "1 to 255 characters");
    }

    @Test
    void unknownGatewaysAndIdsAreNotFound() {
        assertNotFound(postForm(user, "/api/v1/sms/kannel/send.json", "to_msisdn=27123456789"), "unknown gateway");
        assertNotFound(postForm(user, "/api/v1/sms/kannel/template_send.json", ""), "unknown gateway");
        assertNotFound(get(user, "/api/v1/sms/kannel/status.json"), "unknown gateway");
        assertNotFound(get(user, "/api/v1/sms/kannel/status/1.json"), "unknown gateway");
        assertNotFound(get(user, "/api/v1/sms/clickatell/status/999999.json"), "no SMS 999999");
        assertNotFound(get(user, "/api/v1/sms/clickatell/status/abc.json"), "no SMS abc");
        assertNotFound(get(user, "/api/v1/account/callbacks/999999.json"), "no callback");
        assertNotFound(putForm(user, "/api/v1/account/callbacks/999999.json", form("url", "http://a.example/")),
                "no callback");
        assertNotFound(delete(user, "/api/v1/account/callbacks/999999.json"), "no callback");
    }

    @Test
    void badCallbacksAreRefused() {
        assertBadRequest(postForm(user, "/api/v1/account/callbacks.json", form("name", "sms_sent", "url",
                "http://a.example/")), "name", "unknown callback 'sms_sent'");
        assertBadRequest(postForm(user, "/api/v1/account/callbacks.json", form("name", "sms_received")), "url",
                "required");
        assertBadRequest(postForm(user, "/api/v1/account/callbacks.json", form("name", "sms_received", "url",
                "ftp://a.example/")), "url", "not an absolute http or https URL");
        assertBadRequest(putForm(user, "/api/v1/account/callbacks.json", form("sms_receipt", "nowhere")),
                "sms_receipt", "not an absolute http or https URL");
        assertBadRequest(putForm(user, "/api/v1/account/callbacks.json", form("sms_sent", "http://a.example/")),
                "sms_sent", "unknown callback");
        assertBadRequest(putForm(user, "/api/v1/account/callbacks.json", ""), "sms_received", "give sms_received");
    }

    @Test
    void withoutTheRightCredentialsEveryResourceAnswers401() {
        for (String path : new String[] {"/api/v1/sms/clickatell/status.json", "/api/v1/sms/opera/status/1.json",
                "/api/v1/account/callbacks.json"}) {
            HttpResponse<String> anonymous = get(null, path);
            HttpResponse<String> wrong = send(request(null, path).header("Authorization", basic(user, "wrong"))
                    .GET());

            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic realm=\"Richmond\"");
            assertThat(wrong.statusCode()).isEqualTo(401);
        }
        assertThat(postForm(null, "/api/v1/sms/clickatell/send.json", "to_msisdn=27123456789").statusCode())
                .isEqualTo(401);
    }

    @Test
    void healthMetricsAndTheOpenApiDocumentAreServed() {
        assertThat(send(HttpRequest.newBuilder(management("/actuator/health"))).body()).contains("\"UP\"");
        assertThat(send(HttpRequest.newBuilder(management("/actuator/prometheus"))).body())
                .contains("jvm_memory_used_bytes");
        assertThat(get(null, "/readyz").body()).contains("\"UP\"");
        JsonNode openApi = ok(get(null, "/v3/api-docs"));
        assertThat(openApi.get("paths").has("/api/v1/sms/{gw}/send.json")).isTrue();
        assertThat(get(null, "/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }

    private URI management(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    private static void assertBadRequest(HttpResponse<String> answer, String field, String problem) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        JsonNode error = json(answer);
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(error.get("message").asString()).contains(problem);
    }

    private static void assertNotFound(HttpResponse<String> answer, String problem) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
        assertThat(json(answer).get("message").asString()).contains(problem);
    }
}
