package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/**
 * Every error answers the API's JSON error with its own status, whatever the client's {@code Accept} says, and a
 * client's mistake leaves no stack trace in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(ErrorFormatTest.Failures.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorFormatTest extends ApiTestBase {

    private static final String SEND = "/api/v1/sms/clickatell/send.json";
    private static final String VALID_SEND = form("to_msisdn", "27123456789", "from_msisdn", "27123456789",
            "message", "hi");

    /** Routes only this test maps: what no route of the API does on purpose, but a fault or a rule might. */
    @TestConfiguration(proxyBeanMethods = false)
    @Import(FailingController.class)
    static class Failures {
    }

    @RestController
    static class FailingController {

        @GetMapping("/api/v1/test-failures/forbidden.json")
        String forbidden() {
            throw new AccessDeniedException("not for this account");
        }

        @PostMapping(path = "/api/v1/test-failures/json-only.json", consumes = "application/json")
        String jsonOnly() {
            return "{}";
        }

        @GetMapping("/api/v1/test-failures/broken.json")
        String broken() {
            throw new IllegalStateException("a fault of the service, not of the client");
        }
    }

    private String user;

    @BeforeAll
    void account() {
        user = newAccount("errors");
    }

    /** An account whose budget of one request per window is spent. */
    private String spentAccount() {
        String spent = "spent-" + System.nanoTime();
        accounts.create(spent, PASSWORD, 1);
        ok(get(spent, "/api/v1/account/callbacks.json"));
        return spent;
    }

    record Case(int status, String what, Function<ErrorFormatTest, HttpRequest.Builder> request) {

        @Override
        public String toString() {
            return status + " " + what;
        }
    }

    static Stream<Case> errors() {
        return Stream.of(
                new Case(400, "a bad msisdn", t -> t.form(t.user, SEND, form("to_msisdn", "abc", "from_msisdn",
                        "27123456789", "message", "hi"))),
                new Case(401, "no credentials", t -> t.request(null, "/api/v1/account/callbacks.json").GET()),
                new Case(401, "a wrong password", t -> t.request(null, "/api/v1/account/callbacks.json")
                        .header("Authorization", basic(t.user, "wrong")).GET()),
                new Case(403, "access denied", t -> t.request(t.user, "/api/v1/test-failures/forbidden.json").GET()),
                new Case(404, "an unknown SMS", t -> t.request(t.user, "/api/v1/sms/clickatell/status/999999.json")
                        .GET()),
                new Case(404, "an unknown gateway", t -> t.request(t.user, "/api/v1/sms/kannel/status.json").GET()),
                new Case(404, "an unmapped path", t -> t.request(t.user, "/api/v1/nothing-here.json").GET()),
                new Case(405, "a wrong method", t -> t.request(t.user, SEND).DELETE()),
                new Case(413, "a JSON body over the limit", t -> t.request(t.user, SEND)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"message\": \"" + "a".repeat(3 * 1024 * 1024) + "\"}"))),
                new Case(415, "a body of a type the route does not read", t -> t.form(t.user,
                        "/api/v1/test-failures/json-only.json", VALID_SEND)),
                new Case(422, "an Idempotency-Key reused with another request", t -> {
                    t.ok200(t.form(t.user, SEND, VALID_SEND).header("Idempotency-Key", "reused"));
                    return t.form(t.user, "/api/v1/sms/opera/send.json", VALID_SEND)
                            .header("Idempotency-Key", "reused");
                }),
                new Case(429, "a spent rate limit", t -> t.request(t.spentAccount(), "/api/v1/account/callbacks.json")
                        .GET()),
                new Case(500, "a fault of the service", t -> t.request(t.user, "/api/v1/test-failures/broken.json")
                        .GET()));
    }

    static Stream<Arguments> errorsWithEveryAccept() {
        return errors().flatMap(error -> Stream.of("text/html", "application/xml", "*/*",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .map(accept -> Arguments.of(error, accept)));
    }

    @ParameterizedTest(name = "{0} with Accept: {1}")
    @MethodSource("errorsWithEveryAccept")
    void everyErrorIsTheApiJsonWithItsStatusWhateverTheAcceptHeader(Case error, String accept) {
        HttpResponse<String> answer = send(error.request().apply(this).header("Accept", accept));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(error.status());
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        JsonNode body = json(answer);
        assertThat(body.get("error").asString()).isNotBlank();
        assertThat(body.get("message").asString()).isNotBlank();
        assertThat(answer.body()).doesNotContain("Whitelabel", "<html", "at io.richmond", "at org.springframework");
    }

    @Test
    void aSuccessfulAnswerIsJsonWhateverTheAcceptHeader() {
        for (String accept : List.of("text/html", "application/xml")) {
            HttpResponse<String> callbacks = send(request(user, "/api/v1/account/callbacks.json")
                    .header("Accept", accept).GET());

            assertThat(callbacks.statusCode()).as(callbacks.body()).isEqualTo(200);
            assertThat(callbacks.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/json"));
        }
    }

    @Test
    void theErrorPageIsNoOperationOfTheApiDocument() {
        assertThat(ok(get(null, "/v3/api-docs")).get("paths").propertyNames()).isNotEmpty().doesNotContain("/error");
    }

    @Test
    void aClientsMistakeLeavesNoStackTraceInTheLog(CapturedOutput output) {
        for (Case error : errors().filter(error -> error.status() != 500).toList()) {
            int before = output.getAll().length();

            HttpResponse<String> answer = send(error.request().apply(this).header("Accept", "text/html"));

            assertThat(answer.statusCode()).as(error.toString()).isEqualTo(error.status());
            assertThat(output.getAll().substring(before)).as(error.toString())
                    .doesNotContain("\tat ", "Exception:", "Whitelabel");
        }
    }

    private HttpRequest.Builder form(String username, String path, String body) {
        return request(username, path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private void ok200(HttpRequest.Builder request) {
        ok(send(request));
    }
}
